/** Enter on a process: its command line, user, unit, the files it writes and its totals. */
import { Box, Text } from 'ink';
import { groupOf } from '../src/model/groups.js';
import type { ModelState } from '../src/model/model.js';
import { selectWriterGroups } from '../src/model/writer-selectors.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit, truncateLeft } from '../src/text/width.js';
import type { ActionTarget } from '../src/view/view.js';
import { formatBytes, formatPercent } from '../src/text/format.js';
import { rollupOf } from '../src/model/memory.js';

/** Props of the detail overlay. */
export interface ProcessDetailProps {
  readonly model: ModelState;
  readonly target: ActionTarget;
  readonly width: number;
  readonly height: number;
}

/** The live figures of the locked process, or a line saying it has exited. */
export function ProcessDetail({ model, target, width, height }: ProcessDetailProps) {
  const t = target.process;
  const row = model.processes.find((p) => p.pid === t.pid && p.startTicks === t.startTicks);
  const writer = selectWriterGroups(model).flatMap((g) => g.writers).find((w) => w.pid === t.pid && w.startTicks === t.startTicks);
  const inner = Math.max(10, width - 4);
  const rate = (r: number | undefined) => (r ? `${formatBytes(r)}/s` : '—');
  const files = writer?.files ?? [];
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright">{`Process ${t.pid} (${sanitize(t.comm, 30)})  ·  K signal  ·  Esc close`}</Text>
      {row ? null : <Text color="red">this process has exited</Text>}
      <Text wrap="truncate">{`user ${sanitize(t.user)}   started ${t.started}   state ${row ? row.state : '-'}   cpu ${row ? formatPercent(row.cpuPercent) : '-'}%   rss ${row ? formatBytes(row.rssBytes) : '-'}`}</Text>
      <Text wrap="truncate">{`unit ${t.unit ? sanitize(t.unit) : '—'}   cgroup ${sanitize(row ? row.cgroup : '?', 60)}   (${groupOf(row?.cgroup ?? '/').kind})`}</Text>
      <Text wrap="wrap">{`command ${sanitize(t.command, inner * 8)}`}</Text>
      <Text wrap="truncate">{smapsLine(model, t.pid, t.startTicks)}</Text>
      <Text> </Text>
      <Text wrap="truncate">{`writing ${rate(writer?.writeRate)} to disk, ${rate(writer?.wcharRate)} through write()   total ${formatBytes(writer?.writeBytesTotal ?? 0)} to disk, ${formatBytes(writer?.wcharTotal ?? 0)} written`}</Text>
      <Text bold>{fit('     SIZE     GROWTH MOUNT          FILE (open for writing)', inner)}</Text>
      {files.length === 0 ? <Text dimColor>no files open for writing seen (listed for the busiest writers only)</Text> : null}
      {files.slice(0, Math.max(0, height - 10)).map((f) => (
        <Text key={`${f.fd}`} wrap="truncate">
          {fit(formatBytes(f.sizeBytes), 9, 'right') + ' ' + fit(f.growthRate === null ? '—' : `${formatBytes(Math.max(0, f.growthRate))}/s`, 10, 'right') + ' ' +
            fit(sanitize(writer?.mountOf(f.device) ?? '?'), 14) + ' ' +
            truncateLeft(`${sanitize(f.path)}${f.deleted ? ' (deleted)' : ''}`, Math.max(0, inner - 36))}
        </Text>
      ))}
    </Box>
  );
}

/** The smaps_rollup line: Rss, Pss, Swap, Anonymous (read for the process whose detail is open, every few seconds). */
function smapsLine(model: ModelState, pid: number, startTicks: number): string {
  const r = rollupOf(model.memoryTrack, pid, startTicks);
  return r ? `memory (smaps_rollup)   Rss ${formatBytes(r.rss)}   Pss ${formatBytes(r.pss)}   Swap ${formatBytes(r.swap)}   Anonymous ${formatBytes(r.anonymous)}` : 'memory (smaps_rollup)   reading… (read while this detail is open)';
}
