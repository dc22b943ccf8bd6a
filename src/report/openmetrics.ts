/**
 * `snapshot --format openmetrics`: the snapshot report as Prometheus text
 * (exposition format 0.0.4, which node_exporter's textfile collector reads,
 * ending with OpenMetrics' `# EOF`). Base units, `_total` on counters, and
 * label values escaped. What no exporter tells: which unit fills a disk, when
 * it is full, and whether the journal is volatile.
 */


/* eslint-disable @typescript-eslint/no-explicit-any -- the report is the snapshot's JSON shape (schema/snapshot.schema.json) */
type Report = Record<string, any>;
type Labels = Readonly<Record<string, string>>;
interface Family {
  readonly name: string;
  readonly type: 'gauge' | 'counter';
  readonly help: string;
  readonly samples: readonly { labels: Labels; value: number | null }[];
}

/** How many writer units and ranges are exported: enough to name the culprit, bounded for Prometheus. */
export const METRICS_TOP = 10;

/** Label values longer than this are cut, with a hash of the whole value so two cut values stay apart. */
const LABEL_MAX = 256;
/** Controls, bidi and zero-width characters: never written raw into a label. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** 16 hex digits of the SHA-256 of a value: tells cut label values apart. */
// node:crypto is loaded here, when used, not at every start (the entry bundle holds this module).
const digest = (text: string): string => process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * A label value, unique per original value: a backslash is doubled and each
 * control, bidi or zero-width character becomes the text `\xNN` or `\uNNNN`
 * (so `/mnt/a\tb` and `/mnt/ab` stay two series, and none reaches a terminal
 * raw); a value past 256 characters is cut and ends with `~` and a hash of
 * the whole (257 characters). Unique, not reversible for the cut ones.
 */
export function labelText(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  // A cut value is one character longer than any value left whole, so the two never meet.
  return escaped.length <= LABEL_MAX ? escaped : `${escaped.slice(0, LABEL_MAX - 16)}~${digest(text)}`;
}

/** A label value as the text format wants it (labelText, then its backslashes and quotes escaped: the format knows only \\, \" and \n). */
export function labelValue(text: string): string {
  return labelText(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function number(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return Number.isNaN(value) ? 'NaN' : String(value);
}

function render(f: Family): string[] {
  const lines = [`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`];
  for (const s of f.samples) {
    if (s.value === null) continue;
    const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${labelValue(v)}"`).join(',');
    lines.push(`${f.name}${labels ? `{${labels}}` : ''} ${number(s.value)}`);
  }
  return lines;
}

/** Time to full: +Inf while a known filesystem is not filling, nothing when it was never measured. */
const toFull = (known: boolean, seconds: number | null): number | null => (!known ? null : seconds ?? Infinity);
const flag = (b: boolean | null | undefined): number | null => (b === null || b === undefined ? null : b ? 1 : 0);

function filesystemFamilies(r: Report): Family[] {
  const fss: Report[] = r.filesystems ?? [];
  const fam = (name: string, help: string, value: (fs: Report) => number | null): Family => ({
    name, type: 'gauge', help, samples: fss.map((fs) => ({ labels: { mountpoint: fs.mount, device: fs.source ?? fs.device, fstype: fs.type }, value: value(fs) })),
  });
  const known = (fs: Report) => fs.sizeBytes !== null;
  return [
    fam('sitrep_filesystem_size_bytes', 'Filesystem size.', (fs) => fs.sizeBytes),
    fam('sitrep_filesystem_avail_bytes', 'Space ordinary users may still use.', (fs) => fs.availBytes),
    fam('sitrep_filesystem_reserved_bytes', 'Free space reserved for root (ext4 reserved blocks).', (fs) => fs.reservedBytes),
    fam('sitrep_filesystem_used_ratio', "Use as df's Use%: used / (used + avail), rounded up to a whole percent.", (fs) => fs.usedFraction),
    fam('sitrep_filesystem_inodes_used_ratio', "Inode use as df -i's IUse%, rounded up to a whole percent.", (fs) => fs.inodes?.usedFraction ?? null),
    fam('sitrep_filesystem_fill_rate_bytes_per_second', 'Growth of used space, a least-squares slope over the sampling window.', (fs) => fs.fillRateBytesPerSec),
    fam('sitrep_filesystem_seconds_to_full', 'Seconds until ordinary users see the filesystem full at the current rate (+Inf when not filling).', (fs) => toFull(known(fs), fs.secondsToFull)),
    fam('sitrep_filesystem_seconds_to_full_root', "Seconds until root's reserve is gone too (+Inf when not filling).", (fs) => toFull(known(fs), fs.secondsToFullRoot)),
    fam('sitrep_filesystem_inodes_fill_rate_per_second', 'Inodes used per second.', (fs) => fs.inodes?.fillRatePerSec ?? null),
    fam('sitrep_filesystem_inodes_seconds_to_full', 'Seconds until no inode is left (+Inf when not filling).', (fs) => (fs.inodes ? fs.inodes.secondsToFull ?? Infinity : null)),
    fam('sitrep_filesystem_deleted_open_bytes', 'Space held by deleted files still open.', (fs) => fs.deletedOpenBytes),
    fam('sitrep_filesystem_responding', '1 when statfs answered in time, 0 for a hung mount.', (fs) => flag(fs.responding)),
  ];
}

function memoryFamilies(r: Report): Family[] {
  const m: Report | null = r.memory ?? null;
  if (!m) return [];
  const one = (name: string, help: string, value: number | null | undefined, type: Family['type'] = 'gauge'): Family => ({ name, type, help, samples: [{ labels: {}, value: value ?? null }] });
  const cgroups: Report[] = (m.cgroups ?? []).slice(0, METRICS_TOP);
  const growers: Report[] = (m.growers ?? []).slice(0, METRICS_TOP);
  return [
    one('sitrep_memory_available_bytes', 'MemAvailable.', m.available),
    one('sitrep_memory_swap_in_bytes_per_second', 'Bytes swapped in per second.', m.swapInBytesPerSec),
    one('sitrep_memory_swap_out_bytes_per_second', 'Bytes swapped out per second.', m.swapOutBytesPerSec),
    one('sitrep_memory_major_faults_per_second', 'Major page faults per second.', m.majorFaultsPerSec),
    one('sitrep_memory_seconds_to_oom', 'Seconds until memory and swap are used up at a leak\'s rate (+Inf when no leak within the horizon).', m.secondsToOom === undefined ? null : m.secondsToOom ?? Infinity),
    { name: 'sitrep_memory_cgroup_usage_bytes', type: 'gauge', help: 'Usage of a memory cgroup with a limit.', samples: cgroups.map((c) => ({ labels: { cgroup: c.path }, value: c.usageBytes })) },
    { name: 'sitrep_memory_cgroup_limit_bytes', type: 'gauge', help: 'Limit of a memory cgroup.', samples: cgroups.map((c) => ({ labels: { cgroup: c.path }, value: c.limitBytes })) },
    { name: 'sitrep_memory_cgroup_seconds_to_limit', type: 'gauge', help: 'Seconds until the cgroup reaches its limit at a leak\'s rate (+Inf when none).', samples: cgroups.map((c) => ({ labels: { cgroup: c.path }, value: c.secondsToLimit ?? Infinity })) },
    { name: 'sitrep_memory_cgroup_oom_kills_total', type: 'counter', help: 'cgroup v2 memory.events oom_kill.', samples: cgroups.filter((c) => c.events).map((c) => ({ labels: { cgroup: c.path }, value: c.events.oomKill })) },
    { name: 'sitrep_memory_grower_bytes_per_second', type: 'gauge', help: `RSS growth of the top ${METRICS_TOP} growing processes.`, samples: growers.map((g) => ({ labels: { pid: String(g.pid), comm: g.comm }, value: g.growthBytesPerSec })) },
  ];
}

function activityFamilies(r: Report): Family[] {
  const groups: Report[] = (r.groups ?? []).filter((g: Report) => (g.writeBytesPerSec ?? 0) > 0).slice(0, METRICS_TOP);
  const log: Report | null = r.log ?? null;
  const unitAlerts: Report[] = [...(r.services?.failed ?? []), ...(r.services?.restarting ?? [])];
  const restarts = new Map<string, number>(unitAlerts.map((a) => [a.unit, a.restarts]));
  const ranges: Report[] = (r.network?.ranges ?? []).slice(0, METRICS_TOP);
  const logRanges: Report[] = (log?.ipRanges ?? []).slice(0, METRICS_TOP);
  return [
    { name: 'sitrep_writer_write_bytes_per_second', type: 'gauge', help: `Bytes written per second by the top ${METRICS_TOP} writing units, cgroups or containers.`, samples: groups.map((g) => ({ labels: { group: g.name, kind: g.kind }, value: g.writeBytesPerSec })) },
    { name: 'sitrep_deleted_open_bytes', type: 'gauge', help: 'Space held by deleted files still open, all filesystems.', samples: [{ labels: {}, value: (r.deletedOpen ?? []).reduce((n: number, d: Report) => n + (d.bytes ?? 0), 0) }] },
    { name: 'sitrep_unit_crashes_recent', type: 'gauge', help: 'Crashes (core dumps, segfaults, abnormal exits) logged per unit in the last 10 minutes.', samples: (log?.crashes ?? []).map((c: Report) => ({ labels: { unit: c.unit }, value: c.count10m })) },
    { name: 'sitrep_oom_kills_recent', type: 'gauge', help: 'OOM kills in the recent journal.', samples: log ? [{ labels: {}, value: (log.oomKills ?? []).length }] : [] },
    { name: 'sitrep_unit_restarts_total', type: 'counter', help: "systemd's restart count (NRestarts) of failed or restarting units.", samples: [...restarts].map(([unit, n]) => ({ labels: { unit }, value: n })) },
    { name: 'sitrep_journal_volatile', type: 'gauge', help: '1 when the journal lives only in RAM (Storage=auto without /var/log/journal): a reboot loses it.', samples: [{ labels: {}, value: flag(log?.volatile) }] },
    { name: 'sitrep_log_range_lines_per_minute', type: 'gauge', help: 'Log lines per minute naming a source address in the range (IPv4 /24, IPv6 /48).', samples: logRanges.map((x) => ({ labels: { range: x.range, private: String(x.private) }, value: x.perMinute })) },
    { name: 'sitrep_network_range_connections', type: 'gauge', help: 'Live connections (ESTABLISHED and SYN-RECV) whose remote address is in the range.', samples: ranges.map((x) => ({ labels: { range: x.range, private: String(x.private) }, value: x.connections })) },
    { name: 'sitrep_network_range_time_wait', type: 'gauge', help: 'Sockets in TIME-WAIT (closed connections) whose remote address is in the range.', samples: ranges.filter((x) => typeof x.timeWait === 'number').map((x) => ({ labels: { range: x.range, private: String(x.private) }, value: x.timeWait })) },
    { name: 'sitrep_network_range_new_connections_per_second', type: 'gauge', help: 'New connections per second from the range, over the last table reads (absent before a second read).', samples: ranges.filter((x) => x.newPerSec !== null).map((x) => ({ labels: { range: x.range, private: String(x.private) }, value: x.newPerSec })) },
  ];
}

/** The report as Prometheus text, ending with `# EOF`. */
export function openMetrics(report: Report): string {
  const info: Family = { name: 'sitrep_info', type: 'gauge', help: 'The sitrep report: its host and the time it was taken.', samples: [{ labels: { host: report.host?.name ?? '', schema: String(report.version) }, value: 1 }] };
  const time: Family = { name: 'sitrep_report_timestamp_seconds', type: 'gauge', help: 'When the report was taken (Unix seconds).', samples: [{ labels: {}, value: Date.parse(report.time) / 1000 }] };
  const families = [info, time, ...filesystemFamilies(report), ...memoryFamilies(report), ...activityFamilies(report)].filter((f) => f.samples.some((s) => s.value !== null));
  return `${families.flatMap(render).join('\n')}\n# EOF\n`;
}
