/** The `i` overlay's lines, from the last hardware message: what the UI draws and tests read. */
import type { HardwareMessage } from '../stream/messages.js';
import { formatBytes } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';

/** One line of the overlay, with how it is drawn. */
export interface HardwareLine {
  readonly text: string;
  readonly tone: 'title' | 'plain' | 'alert' | 'dim';
}

const s = (text: string, max = 80) => sanitize(text, max);

/** The lines for `message` (null: still reading). */
export function hardwareLines(message: HardwareMessage | null): HardwareLine[] {
  if (!message) return [{ text: 'reading the hardware (systeminformation, smartctl)…', tone: 'dim' }];
  const f = message.facts;
  if (!f) return [{ text: s(message.error ?? 'no hardware facts', 300), tone: 'alert' }];
  const out: HardwareLine[] = [
    { text: 'CPU', tone: 'title' },
    { text: `  ${s(f.cpuModel) || 'unknown model'}: ${f.cpuCores} cores, ${f.cpuThreads} threads`, tone: 'plain' },
    { text: `  virtualisation: ${s(f.virtualization) || 'unknown'}${f.system ? ` · ${s(f.system)}` : ''}`, tone: 'plain' },
    { text: `Memory ${formatBytes(f.memoryBytes)}`, tone: 'title' },
    ...f.memory.map((m) => ({ text: `  ${formatBytes(m.sizeBytes)}${m.type ? ` ${s(m.type, 20)}` : ''}${m.clockMHz ? ` ${m.clockMHz} MHz` : ''}${m.bank ? ` (${s(m.bank, 30)})` : ''}`, tone: 'plain' as const })),
    { text: 'Disks', tone: 'title' },
    ...f.disks.map((d) => {
      const kind = d.rotational === null ? '' : d.rotational ? ' rotational' : ' solid-state';
      const failing = d.smart === 'FAILED';
      return { text: `  ${s(d.name, 32)} ${formatBytes(d.sizeBytes)}${kind}${d.transport ? ` ${s(d.transport, 16)}` : ''}${d.model ? ` · ${s(d.model, 60)}` : ''} · SMART ${s(d.smart, 100)}`, tone: failing ? ('alert' as const) : ('plain' as const) };
    }),
    { text: 'Interfaces', tone: 'title' },
    ...f.interfaces.map((n) => ({
      text: `  ${s(n.name, 32)} ${s(n.state, 16)} ${n.speedMbps ? `${n.speedMbps} Mbit/s` : 'speed unknown'} ${s(n.mac, 24)} ${n.addresses.map((a) => s(a, 64)).join(' ')}`,
      tone: n.virtual ? ('dim' as const) : ('plain' as const),
    })),
  ];
  for (const p of f.problems) out.push({ text: `note: ${s(p, 300)}`, tone: 'dim' });
  return out;
}
