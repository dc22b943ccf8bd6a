/** Space held by deleted files that are still open: per file, process and filesystem. */
import type { OpenWrite } from '../stream/messages.js';
import type { ModelState } from './model.js';
import { memoBesidesLog } from './memo.js';
import { processKey } from './processes.js';

/** One deleted-but-open file with its holder. */
export interface DeletedFileView {
  readonly pid: number;
  readonly startTicks: number;
  readonly comm: string;
  readonly command: string;
  readonly user: string;
  readonly file: OpenWrite;
  readonly mount: string | null;
}

/** Every deleted-but-open file from the latest scan, largest first. */
export function selectDeletedFiles(state: ModelState): DeletedFileView[] {
  return deletedOf(state, null);
}

const deletedOf = memoBesidesLog((state: ModelState, _arg: null): DeletedFileView[] => {
  const byKey = new Map(state.processes.map((p) => [processKey(p.pid, p.startTicks), p]));
  const mounts = new Map([...(state.filesystems?.values() ?? [])].map((f) => [f.device, f.mountPoint]));
  return (state.deletedOpen ?? [])
    .flatMap((d) => {
      const p = byKey.get(processKey(d.pid, d.startTicks));
      return d.files.filter((file) => file.allocatedBytes > 0).map((file) => ({
        pid: d.pid, startTicks: d.startTicks, comm: p?.comm ?? '?', command: p ? p.cmdline || `[${p.comm}]` : '?', user: p?.user ?? '?',
        file, mount: mounts.get(file.device) ?? null,
      }));
    })
    .sort((a, b) => b.file.allocatedBytes - a.file.allocatedBytes);
});

/** Allocated bytes held by deleted-but-open files, by filesystem device. */
export function deletedBytesByDevice(state: ModelState): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of state.deletedOpen ?? []) for (const f of d.files) out.set(f.device, (out.get(f.device) ?? 0) + f.allocatedBytes);
  return out;
}

/** Allocated bytes held by deleted-but-open files, by process key. */
export function deletedBytesByProcess(state: ModelState): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of state.deletedOpen ?? []) {
    out.set(processKey(d.pid, d.startTicks), d.files.reduce((s, f) => s + f.allocatedBytes, 0));
  }
  return out;
}
