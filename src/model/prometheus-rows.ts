/**
 * The fleet table from Prometheus (pure): the one PromQL query that asks for
 * every host at once, and the join of its answer by `instance` into fleet
 * rows. Each part of the query carries a `q` label (label_replace) naming
 * what it is, so one instant query answers them all and the client joins.
 */
import type { FleetRow } from './fleet.js';

/** Filesystems that never fill from a writer. */
const PSEUDO = 'fstype!~"tmpfs|ramfs|squashfs|overlay|nsfs|iso9660|devtmpfs|fuse.lxcfs"';

/** The parts of the query: `q` label → PromQL. */
export const FLEET_PARTS: Readonly<Record<string, string>> = {
  up: 'up',
  scrapeAge: 'time() - timestamp(up)',
  info: 'sitrep_info',
  reportAge: 'time() - sitrep_report_timestamp_seconds',
  // sitrep's own forecast (its textfile): the filesystem that fills first, its rate and use.
  ttf: 'bottomk by (instance) (1, sitrep_filesystem_seconds_to_full < Inf)',
  rate: 'sitrep_filesystem_fill_rate_bytes_per_second and on (instance, mountpoint) bottomk by (instance) (1, sitrep_filesystem_seconds_to_full < Inf)',
  ttfUsed: 'sitrep_filesystem_used_ratio and on (instance, mountpoint) bottomk by (instance) (1, sitrep_filesystem_seconds_to_full < Inf)',
  used: 'topk by (instance) (1, sitrep_filesystem_used_ratio)',
  // node_exporter alone: time to full from the last 5 min's slope of avail, the first one to fill.
  nodeTtf: `bottomk by (instance) (1, node_filesystem_avail_bytes{${PSEUDO}} / (-deriv(node_filesystem_avail_bytes{${PSEUDO}}[5m]) > 0))`,
  nodeRate: `-deriv(node_filesystem_avail_bytes{${PSEUDO}}[5m]) > 0`,
  nodeUsed: `topk by (instance) (1, 1 - node_filesystem_avail_bytes{${PSEUDO}} / (node_filesystem_size_bytes{${PSEUDO}} - node_filesystem_free_bytes{${PSEUDO}} + node_filesystem_avail_bytes{${PSEUDO}}))`,
  writer: 'topk by (instance) (1, sitrep_writer_write_bytes_per_second)',
  cpu: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[1m]))',
  load1: 'node_load1',
  memAvailable: 'node_memory_MemAvailable_bytes',
  crashes: 'sum by (instance) (sitrep_unit_crashes_recent)',
  volatile: 'sitrep_journal_volatile',
};

/** The whole fleet in one instant query. */
export function fleetQuery(): string {
  return Object.entries(FLEET_PARTS).map(([q, expr]) => `label_replace(${expr}, "q", "${q}", "", "")`).join(' or ');
}

/** One series of an instant query's answer (`data.result[]` of a vector). */
export interface PromSample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: readonly [number, string];
}

/** A host as Prometheus sees it. */
export interface PromHost {
  /** The `instance` label (raw: the screen sanitizes it). */
  readonly instance: string;
  /** up == 1 at its last scrape. */
  readonly up: boolean;
  /** Seconds since its last scrape. */
  readonly scrapeAge: number | null;
  /** Seconds since sitrep's textfile was written (null: no sitrep metrics). */
  readonly reportAge: number | null;
  readonly memAvailableBytes: number | null;
  readonly row: FleetRow;
}

/** When a host counts as stale: its last scrape older than this many seconds, or sitrep's textfile older than `reportSeconds`. */
export const STALE = { scrapeSeconds: 60, reportSeconds: 600 } as const;

const num = (s: PromSample | undefined): number | null => {
  if (!s) return null;
  const v = Number(s.value[1]);
  return Number.isNaN(v) ? null : v;
};
const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

/** Joins the answer by instance into hosts (unsorted); series without an instance label are ignored. */
export function joinFleet(result: readonly PromSample[]): PromHost[] {
  const by = new Map<string, Map<string, PromSample>>();
  // node_exporter's slopes: one per filling filesystem, by instance and mount point.
  const nodeRates = new Map<string, PromSample>();
  for (const s of result) {
    const instance = s.metric.instance;
    const q = s.metric.q;
    if (instance === undefined || q === undefined) continue;
    if (q === 'nodeRate') {
      nodeRates.set(`${instance}\u0000${s.metric.mountpoint ?? ''}`, s);
      continue;
    }
    let parts = by.get(instance);
    if (!parts) by.set(instance, (parts = new Map()));
    // `up` may come once per job: a host is up when any job scraped it.
    if (q === 'up' && parts.has('up') && num(parts.get('up')) === 1) continue;
    parts.set(q, s);
  }
  return [...by].map(([instance, p]) => {
    const sitrepMount = p.get('ttf') ?? p.get('used');
    const nodeMount = p.get('nodeTtf') ?? p.get('nodeUsed');
    const fromSitrep = sitrepMount !== undefined;
    const mountSample = sitrepMount ?? nodeMount;
    const mount = mountSample?.metric.mountpoint ?? null;
    const nodeRate = nodeRates.get(`${instance}\u0000${mount ?? ''}`);
    const writer = p.get('writer');
    const row: FleetRow = {
      host: p.get('info')?.metric.host ?? '',
      mount,
      usedFraction: fromSitrep ? finite(num(p.get(p.has('ttf') ? 'ttfUsed' : 'used'))) : finite(num(p.get('nodeUsed'))),
      secondsToFull: fromSitrep ? finite(num(p.get('ttf'))) : finite(num(p.get('nodeTtf'))),
      fillRate: fromSitrep ? finite(num(p.get('rate'))) : finite(num(nodeRate)),
      topWriter: writer?.metric.group ?? null,
      topWriterRate: finite(num(writer)),
      crashes10m: finite(num(p.get('crashes'))) ?? 0,
      cpu: finite(num(p.get('cpu'))),
      load1: finite(num(p.get('load1'))),
      volatileJournal: p.has('volatile') ? num(p.get('volatile')) === 1 : null,
      topRange: null,
    };
    return { instance, up: num(p.get('up')) === 1, scrapeAge: finite(num(p.get('scrapeAge'))), reportAge: finite(num(p.get('reportAge'))), memAvailableBytes: finite(num(p.get('memAvailable'))), row };
  });
}

/** up, stale (scrape or sitrep's textfile too old) or down (the last scrape failed). */
export function hostState(h: PromHost): 'up' | 'stale' | 'down' {
  if (!h.up) return 'down';
  if ((h.scrapeAge ?? 0) > STALE.scrapeSeconds || (h.reportAge ?? 0) > STALE.reportSeconds) return 'stale';
  return 'up';
}
