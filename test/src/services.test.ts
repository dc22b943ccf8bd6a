import { describe, expect, it } from 'vitest';
import { decideManager, parseSystemctlShow } from '../../collectors/services/parse-systemctl.js';
import { servicesRefusal, sessionGuard, unitTarget } from '../../src/effects/service-targets.js';
import { serviceArgv } from '../../src/effects/service-actions.js';
import type { Self } from '../../src/effects/intents.js';
import type { ServicesSample, UnitSample } from '../../src/stream/messages.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { restartsInWindow, unitAlerts } from '../../src/model/services.js';
import { commandFor, type Command } from '../../src/view/keymap.js';
import { initialView, stepView, type ViewContext, type ViewState, intentOf, dialogOf } from '../../src/view/view.js';
import { typeInDialog } from '../../src/view/view-services.js';
import { header, proc, sample } from '../support/samples.js';
import { testContext, testMeasure } from '../support/view-context.js';

const SHOW = `Id=php-fpm.service
Description=PHP FastCGI \x1b]0;pwn\x07Process Manager
LoadState=loaded
ActiveState=activating
SubState=auto-restart
Result=core-dump
NRestarts=7
Restart=always
MainPID=0

Id=ssh.service
Description=OpenBSD Secure Shell server
LoadState=loaded
ActiveState=active
SubState=running
Result=success
NRestarts=0
Restart=on-failure
MainPID=612
`;

const unit = (id: string, over: Partial<UnitSample> = {}): UnitSample => ({
  id, description: id, loadState: 'loaded', activeState: 'active', subState: 'running', result: 'success', nRestarts: 0, restart: 'no', mainPid: 100, ...over,
});
const services = (units: UnitSample[], over: Partial<ServicesSample> = {}): ServicesSample => ({ manager: 'systemd', unavailable: null, units, ...over });
const root: Self = { pid: 999, parentPid: 998, uid: 0, user: 'root', sessionUnits: ['session-4.scope'] };

function modelWith(...steps: Array<[number, ServicesSample]>): ModelState {
  let m = reduce(initialModel(), header());
  for (const [s, svc] of steps) m = reduce(m, { ...sample(s, 0, 0, [proc(300, 0, { cgroup: '/system.slice/web.service', cmdline: 'dd of=/srv/x' }), proc(301, 0, { cgroup: '/system.slice/web.service' })]), services: svc });
  return m;
}

describe('systemctl show parsing and the manager', () => {
  it('parses batched blocks into units', () => {
    const units = parseSystemctlShow(SHOW);
    expect(units.map((u) => u.id)).toEqual(['php-fpm.service', 'ssh.service']);
    expect(units[0]).toMatchObject({ subState: 'auto-restart', nRestarts: 7, restart: 'always', result: 'core-dump', mainPid: 0 });
    expect(units[1]!.mainPid).toBe(612);
  });

  it('says plainly when PID 1 is not systemd, and offers OpenRC and SysV where they run', () => {
    const none = { pid1: 'process_api', hasSystemctl: true, hasRcService: false, hasService: true };
    expect(decideManager(none)).toEqual({ manager: 'none', unavailable: 'no systemd: PID 1 is process_api' });
    expect(decideManager({ ...none, pid1: 'systemd' }).manager).toBe('systemd');
    expect(decideManager({ ...none, hasRcService: true }).manager).toBe('openrc');
    expect(decideManager({ ...none, pid1: 'init' }).manager).toBe('sysv');
  });
});

describe('restart tracking', () => {
  it('counts restarts seen within 10 minutes, and forgets older ones', () => {
    const m = modelWith([0, services([unit('php.service', { nRestarts: 3 })])], [5, services([unit('php.service', { nRestarts: 5 })])]);
    expect(restartsInWindow(m.services!, 'php.service')).toBe(2);
    const later = modelWith([0, services([unit('php.service', { nRestarts: 3 })])], [5, services([unit('php.service', { nRestarts: 5 })])], [700, services([unit('php.service', { nRestarts: 5 })])]);
    expect(restartsInWindow(later.services!, 'php.service')).toBe(0);
  });

  it('lists failed units and crash-looping ones, the loop first', () => {
    const m = modelWith(
      [0, services([unit('php.service', { nRestarts: 3 }), unit('cron.service', { activeState: 'failed', subState: 'failed' }), unit('ok.service')])],
      [3, services([unit('php.service', { nRestarts: 6 }), unit('cron.service', { activeState: 'failed', subState: 'failed' }), unit('ok.service')])],
    );
    expect(unitAlerts(m.services).map((a) => [a.unit.id, a.restartsRecent, a.failed])).toEqual([['php.service', 3, false], ['cron.service', 0, true]]);
  });
});

describe('service targets and refusals', () => {
  const m = modelWith([0, services([unit('web.service', { description: 'Web writer', mainPid: 300 })])]);
  it('names the unit, its description, main pid and members', () => {
    const t = unitTarget(m, 'web.service', 'stop', root);
    expect(t).toMatchObject({ unit: 'web.service', description: 'Web writer', mainPid: 300, guard: null, manager: 'systemd' });
    expect(t.members).toHaveLength(2);
    expect(t.members).toContain('300 dd of=/srv/x');
  });

  it('refuses without systemd, without root, and before the first reading', () => {
    expect(servicesRefusal(initialModel(), root)).toMatch(/not read yet/);
    const none = modelWith([0, services([], { manager: 'none', unavailable: 'no systemd: PID 1 is process_api' })]);
    expect(servicesRefusal(none, root)).toMatch(/^no systemd: PID 1 is process_api/);
    expect(servicesRefusal(m, { ...root, uid: 1000 })).toMatch(/^needs root \(sudo\)/);
    expect(servicesRefusal(m, root)).toBeNull();
  });

  it('guards stopping ssh and the own session unit, not restarting them', () => {
    expect(sessionGuard('ssh.service', 'stop', root)).toMatch(/lock you out/);
    expect(sessionGuard('sshd.service', 'stop', root)).toMatch(/lock you out/);
    expect(sessionGuard('session-4.scope', 'stop', root)).toMatch(/own terminal session/);
    expect(sessionGuard('ssh.service', 'restart', root)).toBeNull();
    expect(sessionGuard('web.service', 'stop', root)).toBeNull();
  });

  it('builds argv arrays, never a shell line, with --no-pager and --no-ask-password', () => {
    const t = unitTarget(m, 'web.service', 'stop', root);
    expect(serviceArgv(t, 'stop')).toEqual(['systemctl', '--no-pager', '--no-ask-password', 'stop', '--', 'web.service']);
    expect(serviceArgv({ ...t, manager: 'openrc', unit: 'nginx' }, 'restart')).toEqual(['rc-service', 'nginx', 'restart']);
    expect(serviceArgv({ ...t, manager: 'sysv', unit: 'nginx' }, 'stop')).toEqual(['service', 'nginx', 'stop']);
  });
});

describe('stop / restart confirmation in the view reducer', () => {
  const m = modelWith([0, services([unit('web.service'), unit('ssh.service')])]);
  const ctx = (unitName: string | null): ViewContext => testContext({ units: [unitName, unitName], model: m, self: root });
  const keys = (view: ViewState, c: ViewContext, ...ks: string[]) =>
    ks.reduce((v, k) => {
      const cmd = commandFor(k, v.mode);
      return cmd ? stepView(v, cmd as Command, c) : typeInDialog(v, k);
    }, view);

  it('asks first, defaults to No, and only y or Yes makes an intent', () => {
    let v = keys(initialView(), ctx('web.service'), 'S');
    expect(v.mode).toBe('confirm-service');
    expect(intentOf(keys(v, ctx('web.service'), 'enter'))).toBeNull();
    v = keys(v, ctx('web.service'), 'right', 'enter');
    expect(intentOf(v)).toMatchObject({ kind: 'service', verb: 'stop', target: { unit: 'web.service' } });
    expect(intentOf(keys(initialView(), ctx('web.service'), 'R', 'y'))).toMatchObject({ verb: 'restart' });
  });

  it('needs the unit name typed to stop ssh.service', () => {
    let v = keys(initialView(), ctx('ssh.service'), 'S');
    expect(v.mode).toBe('confirm-typed');
    expect(intentOf(keys(v, ctx('ssh.service'), 'y', 'enter'))).toBeNull();
    v = keys(v, ctx('ssh.service'), ...'ssh.servicx', 'backspace', 'e', 'enter');
    expect(intentOf(v)).toMatchObject({ kind: 'service', verb: 'stop', target: { unit: 'ssh.service' } });
  });

  it('explains rows with no unit, read-only, and no systemd', () => {
    expect(keys(initialView(), ctx(null), 'S').notice).toMatch(/select a process/);
    expect(keys(initialView(), { ...ctx('web.service'), actionsOff: 'read-only: actions are off (--read-only)' }, 'S').notice).toMatch(/^read-only/);
    const none = modelWith([0, services([], { manager: 'none', unavailable: 'no systemd: PID 1 is process_api' })]);
    expect(keys(initialView(), { ...ctx('web.service'), model: none }, 'R').notice).toMatch(/^no systemd: PID 1 is process_api/);
  });

  it('u opens the overlay; S there acts on the selected unit', () => {
    const looping = modelWith([0, services([unit('a.service', { nRestarts: 1 }), unit('b.service', { nRestarts: 1 })])], [3, services([unit('a.service', { nRestarts: 5 }), unit('b.service', { nRestarts: 2 })])]);
    const c = { ...ctx(null), model: looping };
    const v = keys(initialView(), c, 'u', 'down', 'R', 'y');
    expect(intentOf(v)).toMatchObject({ verb: 'restart', target: { unit: 'b.service' } });
  });
});

describe('service actions from the Log pane', () => {
  let m = modelWith([0, services([unit('php.service', { nRestarts: 1 })])], [3, services([unit('php.service', { nRestarts: 4 })])]);
  m = reduce(m, { kind: 'log', t: 3000, source: 'journald', entries: [
    { t: 2000, priority: 3, unit: 'init.scope', pid: 1, message: "php.service: Failed with result 'core-dump'.", fields: { UNIT: 'php.service', SYSLOG_IDENTIFIER: 'systemd' } },
    { t: 2500, priority: 6, unit: 'php.service', pid: 40, message: 'child exited' },
    { t: 2600, priority: 6, unit: 'cron.service', pid: 41, message: 'tick' },
  ] });
  const ctx: ViewContext = testContext({ rows: 3, model: m, self: root });
  const press = (v: ViewState, ...ks: string[]) => ks.reduce((acc, k) => stepView(acc, commandFor(k, acc.mode)!, ctx), v);

  it("R on systemd's own line about a unit acts on that unit (its UNIT field)", () => {
    const v = press(initialView(), '3', 'g', 'R');
    expect(dialogOf(v, 'service')?.target.unit).toBe('php.service');
  });

  it('S from the line detail acts on the line\'s unit', () => {
    const v = press(initialView(), '3', 'g', 'j', 'enter', 'S');
    expect(dialogOf(v, 'service')).toMatchObject({ verb: 'stop', target: { unit: 'php.service' } });
  });

  it('L in the Services overlay opens the Log pane filtered to the unit', () => {
    const v = press(initialView(), 'u', 'L');
    expect(v).toMatchObject({ mode: 'normal', focus: 'log', log: { filter: { unit: 'php.service' } } });
  });
});

describe('Services overlay selection', () => {
  it('stays on the same unit when restart counts re-sort the list', async () => {
    const { Store } = await import('../../src/view/store.js');
    const store = new Store(initialModel(60), initialView(['cpu']));
    store.dispatchMessage(header());
    const step = (s: number, a: number, b: number) => store.dispatchMessage({ ...sample(s, 0, 0, []), services: services([unit('a.service', { nRestarts: a, activeState: 'activating', subState: 'auto-restart' }), unit('b.service', { nRestarts: b, activeState: 'activating', subState: 'auto-restart' })]) });
    step(0, 0, 0);
    step(1, 5, 1);
    const measure = testMeasure(5);
    store.dispatchKey('u', measure, ['cpu']);
    store.dispatchKey('j', measure, ['cpu']);
    const selectedUnit = () => store.getState().view.servicesAnchor;
    expect(selectedUnit()).toBe('b.service');
    step(2, 5, 9); // b now restarts most: it moves to the top, the selection with it
    expect(selectedUnit()).toBe('b.service');
    expect(store.getState().view.servicesSelected).toBe(0);
  });
});
