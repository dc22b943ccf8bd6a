/**
 * A file held open for writing by several processes (a parent and the children
 * that inherited its descriptor) is charged to the one whose writes grew it.
 * The kernel says: how much each process wrote in the interval (wchar), what
 * the files a process holds alone grew by (those writes are theirs), and
 * whether a descriptor's position moved (a separately opened descriptor that
 * did not move wrote nothing). Pure.
 */
import type { OpenWrite } from '../stream/messages.js';

/** An open file with how fast it grew since the previous sample. */
export interface WrittenFile extends OpenWrite {
  /** Bytes per second of growth (size or allocation, the larger); null when the file was not listed before. */
  readonly growthRate: number | null;
  /** Held with other processes, and grown by this pid's writes, not this one's (growthRate is then 0). */
  readonly grownBy?: number;
}

/** One process's part in the sharing: what it wrote, and its files with growth. */
export interface Holder {
  readonly key: string;
  readonly pid: number;
  /** Bytes passed to write() in the interval (wchar delta). */
  readonly wrote: number;
  readonly files: readonly WrittenFile[];
  /** Whether each file's descriptor position moved since the previous sample (by fd); absent when unknown. */
  readonly moved: ReadonlyMap<number, boolean>;
}

const fileId = (f: WrittenFile): string => `${f.device}:${f.inode ?? f.path}`;

/**
 * The holders' files, with a shared file's growth left only with the holder
 * that grew it: the one with the most written bytes not explained by files it
 * has to itself, among those whose descriptor could have written it. The
 * others see it at growth 0 with `grownBy` naming the writer's pid.
 */
export function chargeSharedFiles(holders: readonly Holder[], seconds: number): Map<string, WrittenFile[]> {
  const holdersOf = new Map<string, Holder[]>();
  for (const h of holders) for (const f of h.files) {
    const list = holdersOf.get(fileId(f)) ?? [];
    if (!list.includes(h)) list.push(h);
    holdersOf.set(fileId(f), list);
  }
  // What each holder wrote beyond the growth of the files it holds alone.
  const spare = new Map<string, number>();
  for (const h of holders) {
    const own = h.files.filter((f) => holdersOf.get(fileId(f))!.length === 1).reduce((s, f) => s + Math.max(0, f.growthRate ?? 0) * seconds, 0);
    spare.set(h.key, h.wrote - own);
  }
  const out = new Map<string, WrittenFile[]>();
  for (const h of holders) {
    out.set(h.key, h.files.map((f) => {
      const sharers = holdersOf.get(fileId(f))!;
      if (sharers.length < 2 || (f.growthRate ?? 0) <= 0) return f;
      const could = sharers.filter((s) => s.moved.get(s.files.find((g) => fileId(g) === fileId(f))!.fd) !== false);
      const writer = (could.length ? could : sharers).reduce((a, b) => (spare.get(b.key)! > spare.get(a.key)! ? b : a));
      return writer === h ? f : { ...f, growthRate: 0, grownBy: writer.pid };
    }));
  }
  return out;
}
