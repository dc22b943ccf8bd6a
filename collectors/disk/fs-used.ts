/** Used bytes of the filesystem holding a path, from statfs now: a drill-down scan's own baseline. */
import { statfs } from 'node:fs/promises';

/** (blocks - bfree) × bsize of the filesystem holding `path`, as df's "Used"; null when statfs fails. */
export async function usedBytesOf(path: string): Promise<number | null> {
  try {
    const s = await statfs(path);
    return (s.blocks - s.bfree) * s.bsize;
  } catch {
    return null;
  }
}
