/**
 * The flight recorder's store: a directory of segments, each a whole
 * recording (gzip NDJSON, version 1) named by its start in UTC,
 * `sitrep-20261201T031200Z.rec.gz`; the one being written ends in `.part` and
 * is readable up to its last flush. The directory is root's (or the user's)
 * alone, 0700; a segment that is a symlink, not a regular file, or owned by
 * someone else is refused and named, and the rest is read.
 */
import { closeSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStoreDir } from './store-dir.js';

const NAME = /^sitrep-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.rec\.gz(\.part)?$/;

/** One segment of a store. */
export interface Segment {
  readonly path: string;
  readonly name: string;
  /** When it starts (from its name), ms since the epoch. */
  readonly start: number;
  readonly bytes: number;
  /** Still being written (or cut short by a crash). */
  readonly partial: boolean;
}

/** A store as read: its segments in time order, and what was refused. */
export interface StoreListing {
  readonly segments: readonly Segment[];
  /** One sentence per refused entry. */
  readonly refused: readonly string[];
  readonly bytes: number;
}

/** The file name of a segment starting at `t`. */
export function segmentName(t: number, partial: boolean): string {
  const iso = new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `sitrep-${iso}.rec.gz${partial ? '.part' : ''}`;
}

/** The default store: $SITREP_STORE, else /var/lib/sitrep as root, else $XDG_STATE_HOME/sitrep (~/.local/state/sitrep). */
export function defaultStore(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.SITREP_STORE) return env.SITREP_STORE;
  if ((process.getuid?.() ?? 0) === 0) return '/var/lib/sitrep';
  return join(env.XDG_STATE_HOME || join(env.HOME || '/', '.local/state'), 'sitrep');
}

/**
 * Why `dir` may not be used as a store, or null; with `create`, makes it (0700)
 * when missing. The walk of store-dir.ts: no symlink, and every directory on the
 * way root's or yours.
 */
export function storeRefusal(dir: string, create: boolean): string | null {
  const opened = openStoreDir(dir, create);
  if ('refused' in opened) return opened.refused;
  closeSync(opened.fd);
  return null;
}

/** The segments of the store at `dir`, oldest first. */
export function listStore(dir: string): StoreListing {
  const segments: Segment[] = [];
  const refused: string[] = [];
  const uid = process.getuid?.() ?? 0;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch (error) {
    refused.push(`cannot read the store ${dir}: ${(error as NodeJS.ErrnoException).code}`);
  }
  for (const name of names.sort()) {
    const m = NAME.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isSymbolicLink()) refused.push(`${name} is a symlink: left out`);
    else if (!st.isFile()) refused.push(`${name} is not a regular file: left out`);
    else if (st.uid !== uid) refused.push(`${name} belongs to uid ${st.uid}: left out`);
    else segments.push({ path, name, start: Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!), bytes: st.size, partial: m[7] !== undefined });
  }
  return { segments, refused, bytes: segments.reduce((n, s) => n + s.bytes, 0) };
}
