/**
 * Text of the Network pane: one line of interface and TCP totals, a column
 * header, then the remote ranges (selectable, keyed `range:R`) and the
 * listeners whose accept queue holds connections. LIVE counts ESTABLISHED and
 * SYN-RECV; TIME-WAIT has its own column (TW). NEW/s reads "…" until a second
 * table read, when something can first be new. Pure.
 */
import { countOf, selectListeners, selectOutbound, selectRanges, type ListenRow, type OutboundRow, type OwnerName, type RangeRow } from '../model/net-ranges.js';
import type { ModelState } from '../model/model.js';
import { memoBesidesLog } from '../model/memo.js';
import { formatBytes, plural } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import { rangeHolds } from '../effects/intents.js';
import type { SshClient } from '../stream/messages.js';
import { fit } from '../text/width.js';
import { talkerLines } from './talker-lines.js';

/** One drawn line of the pane's list, with the key the selection follows. */
export interface NetLine {
  readonly key: string;
  readonly label: string;
  readonly header?: boolean;
  readonly text: string;
  readonly tone: 'alert' | 'warn' | 'plain' | 'dim' | 'title';
}

/** Connections the collector lists per range (Enter shows them). */
export { CONNECTIONS_PER_RANGE as CONNECTIONS_LISTED } from '../stream/net-messages.js';

/** Listeners listed under pressure, at most. */
export const LISTENERS_SHOWN = 6;

const rate = (n: number) => (n >= 100 ? Math.round(n).toString() : n >= 10 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, ''));

/** How an owner is named: its unit, else its command and pid. */
export function ownerLabel(owner: OwnerName | null): string {
  if (!owner) return '-';
  return owner.unit ? sanitize(owner.unit, 40) : `${sanitize(owner.comm, 16)} (${owner.pid})`;
}

/** The totals line: interfaces, sockets by state, listen overflows. */
export function netTotalsLine(model: ModelState, width: number): string {
  const net = model.net;
  if (!net) return fit('no network counters from this source', width);
  const ifaces = net.interfaces.filter((i) => i.name !== 'lo' && (i.rxBytesPerSecond > 0 || i.txBytesPerSecond > 0 || i.drops > 0)).sort((a, b) => b.rxBytesPerSecond + b.txBytesPerSecond - a.rxBytesPerSecond - a.txBytesPerSecond);
  const top = ifaces.slice(0, 2).map((i) => `${sanitize(i.name, 16)} ↓${formatBytes(i.rxBytesPerSecond)}/s ↑${formatBytes(i.txBytesPerSecond)}/s${i.dropsPerSecond > 0 ? ` drops ${rate(i.dropsPerSecond)}/s` : ''}`);
  const table = net.table;
  const parts = top.length ? top : ['no interface traffic'];
  if (table) {
    const states = table.byState.filter((s) => s.state !== 'LISTEN' && s.state !== 'CLOSE').slice(0, 4).map((s) => `${s.count} ${sanitize(s.state, 16)}`);
    parts.push(`${plural(table.sockets, 'socket')}${states.length ? `: ${states.join(' ')}` : ''}`);
    if (table.everySamples > 1) parts.push(`table read every ${table.everySamples} samples (huge)`);
  }
  if (net.tcp && (net.tcp.listenOverflowsPerSecond > 0 || net.tcp.syncookiesPerSecond > 0)) parts.push(`listen overflows ${rate(net.tcp.listenOverflowsPerSecond)}/s · syncookies ${rate(net.tcp.syncookiesPerSecond)}/s`);
  if (table) parts.push(newConnectionsText(model));
  return fit(parts.join(' · '), width);
}

/** New connections per second in all, reconciled with the kernel's PassiveOpens over the same table reads. */
function newConnectionsText(model: ModelState): string {
  const fresh = model.net?.fresh;
  if (!fresh) return 'new/s from the next table read';
  const passive = fresh.passiveOpensPerSecond;
  const unseen = fresh.unseenPerSecond ?? 0;
  const brief = unseen >= 0.5 && passive !== null && unseen >= passive * 0.1 ? `, ${rate(unseen)}/s too brief to see` : '';
  return `new ${rate(fresh.totalPerSecond)}/s${passive !== null ? ` (PassiveOpens ${rate(passive)}/s${brief})` : ''}`;
}

/** The column header of the range rows. */
export function netHeader(width: number): string {
  return fit(`${'RANGE'.padEnd(20)} ${'LIVE'.padStart(6)} ${'SYN-RECV'.padStart(8)} ${'ESTAB'.padStart(6)} ${'NEW/s'.padStart(6)} ${'TW'.padStart(5)}  PORTS       UNIT`, width);
}

function rangeText(r: RangeRow, width: number, mark: string): string {
  const name = `${sanitize(r.range, 44)}${mark}`;
  const ports = r.localPorts.slice(0, 3).join(',') + (r.localPorts.length > 3 ? '…' : '');
  const units = r.units.length ? r.units.slice(0, 2).map((u) => sanitize(u, 30)).join(', ') : r.owners[0] ? ownerLabel(r.owners[0]) : '-';
  const fresh = r.newPerSecond === null ? '…' : rate(r.newPerSecond);
  return fit(`${name.padEnd(20)} ${String(r.connections).padStart(6)} ${String(countOf(r.byState, 'SYN-RECV')).padStart(8)} ${String(countOf(r.byState, 'ESTABLISHED')).padStart(6)} ${fresh.padStart(6)} ${String(r.timeWait).padStart(5)}  ${ports.padEnd(11)} ${units}`, width);
}

function listenText(l: ListenRow, width: number): string {
  const address = sanitize(l.address, 45);
  const at = address.includes(':') ? `[${address}]:${l.port}` : `${address}:${l.port}`;
  return fit(`  ${at.padEnd(22)} queue ${l.queued}/${l.backlog} ${Math.round(l.fill * 100)}%  ${ownerLabel(l.owner)}`, width);
}

/** The pane's list lines: ranges, then the listeners under pressure (headers: never selected). Memoized per state and width. */
export function netPaneLines(model: ModelState, width: number, clients: readonly SshClient[] = []): NetLine[] {
  return linesFor(model, JSON.stringify([width, clients]));
}

const linesFor = memoBesidesLog((model: ModelState, arg: string) => {
  const [width, clients] = JSON.parse(arg) as [number, SshClient[]];
  return buildLines(model, width, clients);
});

/** How a range is marked: private, or holding an SSH session's client (never blocked). */
function rangeMark(r: RangeRow, clients: readonly SshClient[]): string {
  const ssh = [...clients].sort((a, b) => Number(b.own) - Number(a.own)).find((c) => rangeHolds(r.range, c.address));
  return ssh ? (ssh.own ? ' (you)' : ' (SSH)') : r.private ? ' (private)' : '';
}

function buildLines(model: ModelState, width: number, clients: readonly SshClient[]): NetLine[] {
  const ranges = selectRanges(model, null);
  const rangeLine = (r: RangeRow): NetLine => ({
    key: `range:${r.range}`,
    label: sanitize(r.range, 44),
    text: rangeText(r, width, rangeMark(r, clients)),
    tone: r.private ? 'dim' : countOf(r.byState, 'SYN-RECV') >= 50 || countOf(r.byState, 'SYN-RECV') > r.connections / 2 ? 'alert' : 'plain',
  });
  // Public ranges, then the listeners under pressure, then the private ranges: what comes from outside first.
  const out: NetLine[] = ranges.filter((r) => !r.private).map(rangeLine);
  const table = model.net?.table;
  const listeners = selectListeners(model, null);
  const pressed = listeners.filter((l) => l.queued > 0).slice(0, LISTENERS_SHOWN);
  if (table) {
    const title = pressed.length ? `listening: ${plural(pressed.length, 'accept queue')} holding connections` : `listening: ${plural(listeners.length, 'socket')}, no accept queue waiting`;
    out.push({ key: 'listen', label: 'listening', header: true, text: fit(title, width), tone: 'title' });
  }
  for (const l of pressed) out.push({ key: `listen:${l.address}:${l.port}`, label: `${sanitize(l.address, 45)}:${l.port}`, header: true, text: listenText(l, width), tone: l.fill >= 0.9 ? 'alert' : l.fill >= 0.5 ? 'warn' : 'plain' });
  out.push(...ranges.filter((r) => r.private).map(rangeLine));
  if (table && table.otherRanges > 0) out.push({ key: 'other', label: 'other ranges', header: true, text: fit(`  and ${plural(table.otherRanges, 'more range')} (${plural(table.otherSockets, 'socket')})`, width), tone: 'dim' });
  // Top talkers (issue 35) after the ranges: header rows, so the first row stays the busiest range (what b and Enter act on);
  // before the outbound list, which only says who opened what.
  out.push(...talkerLines(model, width));
  // Connections opened from here: named by the process that opened them, never selectable (b never proposes them).
  const outbound = selectOutbound(model, null).filter((o) => o.live > 0).slice(0, OUTBOUND_SHOWN);
  if (outbound.length) out.push({ key: 'outbound', label: 'outbound', header: true, text: fit('outbound: connections opened from here (not attacks; never blocked from here)', width), tone: 'title' });
  for (const o of outbound) out.push({ key: `out:${o.range}`, label: sanitize(o.range, 44), header: true, text: outboundText(o, width), tone: 'dim' });
  return out;
}

/** Outbound ranges shown, at most. */
export const OUTBOUND_SHOWN = 4;

function outboundText(o: OutboundRow, width: number): string {
  const ports = o.remotePorts.slice(0, 3).join(',') + (o.remotePorts.length > 3 ? '…' : '');
  const by = o.owners.length ? o.owners.slice(0, 2).map(ownerLabel).join(', ') : '-';
  return fit(`  → ${sanitize(o.range, 44).padEnd(18)} ${String(o.live).padStart(6)} live  to port ${ports.padEnd(11)} by ${by}`, width);
}

/** Rows the pane would like, border included: its totals line alone while nothing reaches in from outside, else the list too. */
export function netWantedRows(model: ModelState): number {
  const lines = netPaneLines(model, 80);
  const busy = lines.some((l) => !l.header && !l.tone.startsWith('dim')) || lines.some((l) => l.key.startsWith('listen:') || l.key.startsWith('talker:'));
  return busy ? 4 + lines.length : 3;
}
