/** The drill-down: the children of a directory with size, share, growth, counts; the fastest-growing stands out. */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import { browseRows, childPath } from '../src/model/browse-selectors.js';
import { selectWritersUnder } from '../src/model/writer-selectors.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit, truncateLeft } from '../src/text/width.js';
import type { BrowseView } from '../src/core/types.js';
import { formatBytes, formatDuration, formatTime, plural } from '../src/text/format.js';
import { rescanDueAt, scanDrift, tooDeepNote, type DirScan } from '../src/model/dirs.js';
import { filesystemOf, usedBytesUnder } from '../src/model/disks.js';
import { groupDigits } from '../src/text/order.js';

/** Props of the browser. */
export interface DirBrowserProps {
  readonly model: ModelState;
  readonly browse: BrowseView;
  readonly width: number;
  readonly height: number;
}

const bar = (share: number, width: number) => '█'.repeat(Math.round(share * width)).padEnd(width, '░');
const rate = (r: number | null) => (r === null ? '' : r >= 1024 ? `+${formatBytes(r)}/s` : '—');
/** GROWTH: bytes and new entries per second ('+39.1K/s +40 ent/s'), '—' when neither moves, '' when not watched. */
export function growthText(bytes: number | null, entries: number | null): string {
  if (bytes === null) return '';
  const perSec = entries !== null && entries >= 0.5 ? `+${entries >= 10 ? Math.round(entries) : entries.toFixed(1)} ent/s` : '';
  if (bytes < 1024) return perSec || '—';
  return perSec ? `${rate(bytes)} ${perSec}` : rate(bytes);
}
const when = (t: number) => (t ? formatTime(t) : '');

/** Processes writing under `dir`, fastest first (the Writers pane's data). */
function writersUnder(model: ModelState, dir: string): string[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return selectWritersUnder(model, dir)
    .map((w) => `${w.pid} ${sanitize(w.comm, 16)} ${rate(w.writeRate)} → ${sanitize(w.files.find((f) => f.path.startsWith(prefix))!.path.slice(prefix.length), 60)}`);
}

/** 'scanned 2m10s ago in 0.4 s · r rescans', with how far the filesystem moved since when it did. */
function scanAge(model: ModelState, scan: DirScan): string {
  const now = model.lastSampleAt ?? scan.t;
  const drift = scanDrift(scan, now, usedBytesUnder(model.filesystems, scan.dir));
  const moved = drift.movedBytes !== null && Math.abs(drift.movedBytes) >= 1024 * 1024 ? ` · used ${drift.movedBytes > 0 ? '+' : '-'}${formatBytes(Math.abs(drift.movedBytes))} since` : '';
  const due = Math.max(0, rescanDueAt(scan, model.dirs.growth) - now);
  const stale = !drift.stale ? '' : due > 0 ? ` (stale: rescan in ${formatDuration(Math.ceil(due / 1000))})` : ' (stale: rescanning)';
  return `scanned ${formatDuration(drift.ageMs / 1000)} ago in ${(scan.elapsedMs / 1000).toFixed(1)} s${moved}${stale} · r rescans`;
}

/** Draws the browser in width x height cells. */
export function DirBrowser({ model, browse, width, height }: DirBrowserProps) {
  const inner = Math.max(20, width - 4);
  const scan = model.dirs.scans.get(browse.path);
  const running = model.dirs.running?.dir === browse.path ? model.dirs.running.progress : null;
  const failed = model.dirs.failed?.dir === browse.path ? model.dirs.failed.error : null;
  const growth = model.dirs.growth?.dir === browse.path ? model.dirs.growth : null;
  const rows = browseRows(model, browse.path, browse.sort, browse.apparent);
  const top = rows.reduce<(typeof rows)[number] | null>((best, r) => ((r.growth ?? 0) > Math.max(1024, best?.growth ?? 0) ? r : best), null);
  const fastest = top?.name ?? null;
  // GROWTH widens only while some child gains entries: '+39.1K/s +40 ent/s'.
  const growthWidth = rows.some((r) => (r.entries ?? 0) >= 0.5) ? 18 : 12;
  const writers = writersUnder(model, browse.path);
  const listRows = Math.max(1, height - 6 - Math.min(3, writers.length));
  const first = Math.max(0, Math.min(browse.selected - listRows + 1, rows.length - listRows));
  const fs = filesystemOf(model.filesystems, browse.path);
  const head = `${truncateLeft(sanitize(browse.path, 500), Math.max(10, inner - 60))} · ${fs ? `${sanitize(fs.mountPoint)} (${fs.type})` : '?'} · ${browse.apparent ? 'apparent' : 'allocated'} · sort ${browse.sort}`;
  const watch = growth ? (growth.watch === 'inotify' ? 'growth: watching' : 'growth: watch failed, re-measuring every 4 s') : '';
  const status = running
    ? `scanning… ${plural(running.files, 'file')}, ${formatBytes(running.bytes)}, ${groupDigits(Math.round(running.filesPerSec))} files/s · ${truncateLeft(sanitize(running.dir), 50)} · Esc cancels`
    : failed ? sanitize(failed) : scan ? `${formatBytes(scan.totalBytes)} in ${plural(scan.children.length, 'entry', 'entries')}${scan.tooDeep ? ` · ${tooDeepNote(scan.tooDeep)}` : ''} · ${watch}${scan.errors ? ` · ${scan.errors} unreadable` : ''} · ${scanAge(model, scan)}` : '';
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright" wrap="truncate">{head}</Text>
      <Text wrap="truncate" color={running ? 'yellow' : failed ? 'red' : undefined}>{status}</Text>
      <Text bold wrap="truncate">{fit(`${fit('SIZE', 9, 'right')}  ${fit('SHARE', 12)} ${fit('GROWTH', growthWidth, 'right')} ${fit('FILES', 8, 'right')} ${fit('DIRS', 6, 'right')}  ${fit('MODIFIED', 19)} NAME`, inner)}</Text>
      {rows.slice(first, first + listRows).map((r, i) => (
        <Text key={r.name} wrap="truncate" inverse={first + i === browse.selected} color={r.name === fastest ? 'redBright' : undefined} bold={r.name === fastest}>
          {fit(`${fit(formatBytes(r.size), 9, 'right')}  ${bar(r.share, 12)} ${fit(growthText(r.growth, r.entries), growthWidth, 'right')} ${fit(String(r.files), 8, 'right')} ${fit(String(r.dirs), 6, 'right')}  ${fit(when(r.mtime), 19)} ${sanitize(r.name, 200)}${r.isDir ? '/' : ''}${r.errors ? ` (${r.errors} unreadable)` : ''}`, inner)}
        </Text>
      ))}
      {writers.length ? <Text bold wrap="truncate">{`writing under ${truncateLeft(sanitize(childPath(browse.path, '')), 40)} (w jumps to the busiest in Writers):`}</Text> : null}
      {writers.slice(0, 3).map((w, i) => (
        <Text key={`w${i}`} wrap="truncate" color="yellow">{`  ${w}`}</Text>
      ))}
    </Box>
  );
}
