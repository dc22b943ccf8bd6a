/**
 * A demo's incident, played out without waiting: the scenario runs sample by
 * sample and a scripted admin acts through the same intents as the console
 * (disk-fill: stop the writer's unit once the filesystem is full; crash-loop:
 * block the attacking range), each action recorded with its audit entry.
 * Deterministic for a given start time: the golden tests' input.
 */
import { DEMO_WHO, demoTick, scenario } from '../../demo/demo-source.js';
import { worldHeader } from '../../demo/world.js';
import type { DemoName } from '../cli/options-types.js';
import { auditEntry } from '../effects/audit-entry.js';
import type { Intent } from '../effects/intents.js';
import { selectFilesystems } from '../model/disk-selectors.js';
import { initialModel, reduce } from '../model/model.js';
import type { Message } from '../stream/messages.js';

/** The demo's messages, its scripted actions included; `startedAt` fixes its clock. */
export function demoIncidentMessages(name: DemoName, startedAt: number, intervalMs = 1000): Message[] {
  const s = scenario(name, startedAt);
  const out: Message[] = [worldHeader(s.world, s.host, intervalMs, startedAt)];
  const last = { journal: null as string | null };
  let model = reduce(initialModel(600), out[0]!);
  const emit = (m: Message) => {
    out.push(m);
    model = reduce(model, m);
  };
  const act = (intent: Intent) => {
    const t = startedAt + Math.round(s.world.t * 1000);
    const outcome = s.act(intent);
    emit({ kind: 'event', t, type: outcome.ok ? 'note' : 'error', text: outcome.text, audit: { ...auditEntry(intent, outcome, DEMO_WHO, t, 31337), id: `demo-${t}` } });
  };
  const tick = () => demoTick(s, startedAt, intervalMs / 1000, emit, last);
  if (name === 'disk-fill') {
    let fullFor = -1;
    for (let i = 0; i < 1800 && fullFor < 15; i++) {
      tick();
      if (fullFor >= 0 || selectFilesystems(model).some((f) => f.usersFull)) fullFor++;
    }
    const unit = s.world.units.get('apache2@jail.service')!;
    const members = s.world.processes.filter((p) => p.cgroup.endsWith('apache2@jail.service')).map((p) => `${p.pid} ${p.cmdline}`);
    act({ kind: 'service', verb: 'stop', target: { unit: unit.id, manager: 'systemd', description: unit.description, state: `${unit.activeState} (${unit.subState})`, mainPid: unit.mainPid, members, guard: null } });
    for (let i = 0; i < 60; i++) tick();
  } else {
    for (let i = 0; i < 90; i++) tick();
    act({ kind: 'block', op: 'add', range: '203.0.113.0/24' });
    for (let i = 0; i < 90; i++) tick();
  }
  return out;
}
