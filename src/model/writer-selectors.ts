/** Selectors for the Writers pane and the snapshot. */
import { deletedBytesByProcess } from './deleted-selectors.js';
import { selectFilesystems, type FilesystemView } from './disk-selectors.js';
import { creatingIn, isFull, suspectOf, type Creating, type Suspect } from './suspects.js';
import { memoBesidesLog } from './memo.js';
import { groupOf, type GroupKind } from './groups.js';
import { processKey } from './processes.js';
import type { ModelState } from './model.js';
import type { WriterRow, WrittenFile } from './writers.js';
import { compareText } from '../text/order.js';

/** A writer with the mount of each file resolved. */
export interface WriterView extends WriterRow {
  readonly unit: string | null;
  /**
   * The open file that grew fastest since the previous sample, with its mount
   * point; null when no open file grew (the writes went to files already
   * closed, to children it reaped, or in place). A quiet file is never busiest.
   */
  readonly busiest: (WrittenFile & { readonly mount: string | null }) | null;
  /** Space held by files that are deleted but still open (allocated bytes). */
  readonly deletedOpenBytes: number;
  readonly mountOf: (device: string) => string | null;
  /** A suspect of the full filesystem it has files open on (with the evidence); null otherwise. */
  readonly suspect: Suspect | null;
  /** Where it creates files when no open file grew (cwd or an open directory on a filesystem whose inode use rises). */
  readonly creating: Creating | null;
  /** When it started (ms since the epoch), when the boot time is known. */
  readonly startedAt: number | null;
}

/** A group of writers with totals. */
export interface WriterGroup {
  readonly name: string;
  readonly kind: GroupKind;
  readonly unit: string | null;
  readonly writeRate: number;
  readonly wcharRate: number;
  /** Where writeRate comes from: the kernel's cgroup counters, or the sum of the processes. */
  readonly accounting: 'cgroup' | 'processes';
  readonly writers: readonly WriterView[];
  /** The full filesystem some of its writers are suspects of (they are listed first). */
  readonly suspectOf: string | null;
}

const writesTo = (w: WriterView, device: string | null): boolean => device !== null && w.files.some((f) => f.device === device);

/**
 * Writers grouped by unit, container or cgroup; busiest group first. With
 * `device` (the filesystem selected in Disks), groups and writers writing to it
 * come first.
 */
export function selectWriterGroups(state: ModelState, device: string | null = null): WriterGroup[] {
  return groupsOf(state, device);
}

const groupsOf = memoBesidesLog((state: ModelState, device: string | null): WriterGroup[] => {
  const rows = state.writers?.rows ?? [];
  const mounts = new Map<string, string>();
  for (const fs of state.filesystems?.values() ?? []) mounts.set(fs.device, fs.mountPoint);
  const mountOf = (device: string): string | null => mounts.get(device) ?? null;
  const byDevice = new Map<string, FilesystemView>();
  const full = new Map<string, FilesystemView>();
  for (const fs of rows.length ? selectFilesystems(state) : []) {
    byDevice.set(fs.device, fs);
    if (isFull(fs)) full.set(fs.device, fs);
  }
  const header = state.header;
  const startedAt = (ticks: number): number | null => (header ? header.bootTime + (ticks / header.clockTicks) * 1000 : null);
  const deleted = deletedBytesByProcess(state);
  const groups = new Map<string, { name: string; kind: GroupKind; unit: string | null; cgroup: string; writers: WriterView[] }>();
  for (const row of rows) {
    const suspect = suspectOf(row, full);
    // A quiet process is listed only as the suspect of a full filesystem.
    if (row.quiet && !suspect) continue;
    const g = groupOf(row.cgroup, state.containers);
    const first = row.quiet ? undefined : row.files.find((f) => (f.growthRate ?? 0) > 0);
    const view: WriterView = {
      ...row,
      unit: g.unit,
      busiest: first ? { ...first, mount: mountOf(first.device) } : null,
      deletedOpenBytes: deleted.get(processKey(row.pid, row.startTicks)) ?? row.files.filter((f) => f.deleted).reduce((sum, f) => sum + f.allocatedBytes, 0),
      mountOf,
      suspect,
      creating: first ? null : creatingIn(row, byDevice),
      startedAt: startedAt(row.startTicks),
    };
    const entry = groups.get(row.cgroup) ?? { ...g, cgroup: row.cgroup, writers: [] };
    entry.writers.push(view);
    groups.set(row.cgroup, entry);
  }
  // Cgroups the kernel saw writing although none of their processes is alive
  // to show it (short-lived workers reaped elsewhere).
  for (const [cgroup, rate] of state.writers?.cgroupRates ?? []) {
    if (rate >= 1 && !groups.has(cgroup)) groups.set(cgroup, { ...groupOf(cgroup, state.containers), cgroup, writers: [] });
  }
  const cgroupRates = state.writers?.cgroupRates ?? new Map<string, number>();
  const first = (ws: readonly WriterView[]): number => (ws.some((w) => w.suspect) ? 2 : 0) + (ws.some((w) => writesTo(w, device)) ? 1 : 0);
  const rank = (w: WriterView): number => (w.suspect ? 2 : 0) + Number(writesTo(w, device));
  return [...groups.values()]
    .map(({ cgroup, ...g }) => {
      const sum = g.writers.reduce((s, w) => s + w.writeRate, 0);
      const kernel = cgroupRates.get(cgroup);
      return {
        ...g,
        suspectOf: g.writers.find((w) => w.suspect)?.suspect?.mount ?? null,
        writers: [...g.writers].sort((a, b) => rank(b) - rank(a)),
        // The kernel's count includes workers that died unseen; take the larger.
        writeRate: kernel !== undefined ? Math.max(kernel, sum) : sum,
        accounting: kernel !== undefined && kernel >= sum ? ('cgroup' as const) : ('processes' as const),
        wcharRate: g.writers.reduce((s, w) => s + w.wcharRate, 0),
      };
    })
    .sort((a, b) => first(b.writers) - first(a.writers) || b.writeRate - a.writeRate || b.wcharRate - a.wcharRate || compareText(a.name, b.name));
});

/** Writers with a file open under `dir`, fastest first (the drill-down's "writing under" list, and its w key). */
export function selectWritersUnder(state: ModelState, dir: string): WriterView[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return selectWriterGroups(state).flatMap((g) => g.writers)
    .filter((w) => w.files.some((f) => f.path.startsWith(prefix)))
    .sort((a, b) => b.writeRate - a.writeRate || b.wcharRate - a.wcharRate || a.pid - b.pid);
}
