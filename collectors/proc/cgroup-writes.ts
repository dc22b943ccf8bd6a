/**
 * Per-cgroup write counters from cgroup v2 `io.stat`. They include processes
 * that lived less than one sample, whoever reaped them. Only cgroup v2 with the
 * io controller enabled provides them; elsewhere the list is empty and group
 * totals are the sums of their processes. (cgroup v1 blkio counters are not
 * used: they miss buffered writeback, and on the machines tested here they
 * stayed at 0 even for direct I/O.)
 */
import { existsSync } from 'node:fs';
import type { CgroupWrites, ProcessSample } from '../../src/stream/messages.js';
import { parseIoStatWrites } from './parse-io.js';
import { readText } from './read-processes.js';

/** Where the cgroup v2 hierarchy is mounted, or null without one. */
export function findUnifiedRoot(candidates = ['/sys/fs/cgroup', '/sys/fs/cgroup/unified']): string | null {
  return candidates.find((c) => existsSync(`${c}/cgroup.controllers`)) ?? null;
}

/** Reads io.stat for every non-root cgroup of `processes` (and of `also`). */
export function readCgroupWrites(root: string | null, processes: readonly ProcessSample[], also: Iterable<string> = []): CgroupWrites[] {
  if (!root) return [];
  const paths = new Set<string>(also);
  for (const p of processes) if (p.cgroup && p.cgroup !== '/') paths.add(p.cgroup);
  const out: CgroupWrites[] = [];
  for (const cgroup of paths) {
    const text = readText(`${root}${cgroup}/io.stat`);
    const writeBytes = text === null ? null : parseIoStatWrites(text);
    if (writeBytes !== null) out.push({ cgroup, writeBytes });
  }
  return out;
}
