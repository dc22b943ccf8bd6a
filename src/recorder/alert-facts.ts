/**
 * What the alert rules look at, from the recorder's model at one sample:
 * every known filesystem with its time to full and the unit writing most to
 * it, the units crashing, recent OOM kills and whether the journal is volatile.
 */
import type { AlertFacts } from '../model/alert-rules.js';
import type { ModelState } from '../model/model.js';
import { selectFilesystems } from '../model/disk-selectors.js';
import { selectWriterGroups } from '../model/writer-selectors.js';
import { selectCrashes, selectOomKills } from '../model/log-selectors.js';

/** Pseudo and read-only filesystems never fill from a writer: not watched. */
const SKIP_TYPES = new Set(['tmpfs', 'devtmpfs', 'squashfs', 'iso9660', 'overlay', 'proc', 'sysfs', 'ramfs', 'nsfs']);

/** The facts at the model's last sample. */
export function alertFacts(model: ModelState): AlertFacts {
  const t = model.lastSampleAt ?? 0;
  const filesystems = selectFilesystems(model).filter((f) => f.known && !SKIP_TYPES.has(f.type)).map((f) => {
    const w = selectWriterGroups(model, f.device).find((g) => g.writeRate > 0 && g.writers.some((x) => x.files.some((file) => file.device === f.device)));
    return {
      mount: f.mountPoint, secondsToFull: f.secondsToFull, fillRate: f.fillRate, usedFraction: f.blocksUse, availBytes: f.availBytes, usersFull: f.usersFull,
      inodeSecondsToFull: f.inodes?.secondsToFull ?? null, inodeFillRate: f.inodes?.fillRate ?? null,
      writer: w ? { name: w.name, rate: w.writeRate } : null,
    };
  });
  return {
    t, filesystems, writer: null,
    crashes: selectCrashes(model.log, t).map((c) => ({ unit: c.unit, count10m: c.count10m })),
    ooms: selectOomKills(model.log, t).map((o) => ({ t: o.t, victim: o.victim, cgroup: o.cgroup })),
    volatileJournal: model.log?.journal?.volatile ?? null,
    // Time to OOM waits for the memory issue's forecast; until then the rule never fires.
    secondsToOom: null,
  };
}
