/**
 * Takes the lock (read when the row is shown; src/effects/check-lock-chain.ts
 * checks it when the action runs): the identity of a path and of every directory above it, as 'dev:ino' from
 * lstat, root first. An action on a drill-down row is locked to these when the
 * row is shown, and checked against them again, component by component, when
 * it runs: a directory swapped for a symlink or another directory in between
 * makes the action refuse instead of following the swap.
 */
import { lstatSync } from 'node:fs';

/** 'dev:ino' of `/` and of each component of the absolute `dir`; null when a component is a symlink or unreadable. */
export function lockChain(dir: string): string[] | null {
  if (!dir.startsWith('/')) return null;
  const parts = dir.split('/').filter(Boolean);
  const out: string[] = [];
  let path = '';
  for (let i = 0; i <= parts.length; i++) {
    const here = i === 0 ? '/' : (path += `/${parts[i - 1]}`);
    const st = lstatSync(here, { throwIfNoEntry: false });
    if (!st || !st.isDirectory()) return null;
    out.push(`${st.dev}:${st.ino}`);
  }
  return out;
}
