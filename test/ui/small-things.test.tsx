/** Issue 29's small things: dates in dialogs written one way, and outcomes that keep their essential part at 80 columns. */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { processTarget, started } from '../../src/panes/targets.js';
import { fitMessage, shortenPath } from '../../src/text/fit-message.js';
import { displayWidth } from '../../src/text/width.js';
import { initialView } from '../../src/view/view.js';
import { App } from '../../ui/App.js';
import { StatusBar } from '../../ui/StatusBar.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { header, proc, sample } from '../support/samples.js';

const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[\d;]*m/g, '');
const DAY = 86_400_000;
const NOW = new Date(2026, 11, 7, 3, 12, 30).getTime();

/** A model whose sample is at NOW, booted `bootAgo` ms before it. */
function model(bootAgo: number): ModelState {
  return [header({ bootTime: NOW - bootAgo }), { ...sample(0, 0, 0, [proc(4242, 0, { startTicks: 100 })]), t: NOW }].reduce(reduce, initialModel(60));
}

describe('dates in dialogs', () => {
  it('a process started today shows its time, one started on another day its ISO-like date: never day-first', () => {
    expect(started(model(60_000), 100)).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(started(model(3 * DAY), 100)).toBe('2026-12-04 03:12:31');
  });

  it('the signal dialog writes the start date year first', () => {
    const m = model(3 * DAY);
    const target = processTarget(m, m.processes[0]!);
    const frame = strip(render(<ConfirmDialog dialog={{ kind: 'process', target, file: null, signalIndex: 0, yes: false }} width={100} height={24} />).lastFrame());
    expect(frame).toContain('started 2026-12-04 03:12:31');
    expect(frame).not.toMatch(/\d\d\/\d\d\/\d{4}/);
  });
});

describe('outcomes at 80 columns', () => {
  const TRUNCATED = 'freed 1.2 GiB: truncated /var/lib/docker/containers/4f3c2a1b9e8d7c6b5a49/4f3c2a1b9e8d7c6b5a49-json.log (deleted), held by 1234 (dockerd)';
  const DELETED = 'deleted /srv/www/shop/var/cache/mod_gzip/cache-0001.gz: freed 11.6 MiB';
  const bar = (text: string, banner: string | null = null, host = 'web-frontend-01.example.com') =>
    strip(render(<StatusBar width={80} host={host} intervalMs={1000} paused={false} message={{ type: 'note', text }} sampleAt={NOW} banner={banner ? { text: banner, alert: false } : null} />).lastFrame());

  it('keeps the verb, the result and the file name, shortening the path in the middle', () => {
    // The path down to its file name, and still the end cut (the whole text is in the message log).
    const line = bar(TRUNCATED);
    expect(displayWidth(line)).toBe(80);
    expect(line).toContain('freed 1.2 GiB: truncated …/4f3c2a1b9e8d7c6b5a49-json.log');
    expect(line).toMatch(/03:12:30/);
    const shorter = bar(TRUNCATED.replace('4f3c2a1b9e8d7c6b5a49-json.log', 'c1-json.log'));
    expect(shorter).toContain('freed 1.2 GiB: truncated …/c1-json.log (deleted), held by… [m]');
    const deleted = bar(DELETED);
    expect(deleted).toMatch(/deleted \/srv\/.*…\/cache-0001\.gz: freed 11\.6 MiB/);
    expect(deleted).not.toContain('[m]');
  });

  it('still says [m] when even the shortened text does not fit, and keeps the start of it', () => {
    const line = bar(`${TRUNCATED}; and the process keeps the descriptor open so the space comes back only once it closes it or exits`);
    expect(displayWidth(line)).toBe(80);
    expect(line).toContain('freed 1.2 GiB: truncated');
    expect(line).toContain('[m]');
  });

  it('with a banner on (a demo, REC), the outcome still shows its result', () => {
    const line = bar(DELETED, 'demo disk-fill: a simulation — nothing on this machine is read or changed');
    expect(displayWidth(line)).toBe(80);
    expect(line).toContain('freed 11.6 MiB');
    expect(line).toContain('cache-0001.gz');
  });

  it('leaves the status line as it was when nothing is cut', () => {
    const line = bar('stopped nginx.service', null, 'web1');
    expect(line).toContain('sitrep web1');
    expect(line).toContain('every 1s');
    expect(line).toContain('q quit');
  });

  it('in the App at 80x24, the newest outcome keeps its result', () => {
    let m = model(60_000);
    m = reduce(m, { kind: 'event', t: NOW, type: 'note', text: DELETED });
    const last = strip(render(<App model={m} live={m} view={initialView()} width={80} height={24} />).lastFrame()).split('\n').at(-1)!;
    expect(last).toContain('freed 11.6 MiB');
  });
});

describe('fitMessage and shortenPath', () => {
  it('cuts a path in the middle, its basename kept', () => {
    expect(shortenPath('/var/lib/docker/containers/x/x-json.log', 20)).toBe('/var/lib…/x-json.log');
    expect(shortenPath('/var/lib/docker/containers/x/x-json.log', 5)).toBe('…/x-json.log');
    expect(shortenPath('/a/b', 10)).toBe('/a/b');
  });

  it('shortens the longest path first and no more than needed', () => {
    const text = 'moved /a/b.txt to /srv/very/long/directory/name/here/file.dat';
    const out = fitMessage(text, 50);
    expect(out.startsWith('moved /a/b.txt to /srv/')).toBe(true);
    expect(out.endsWith('…/file.dat')).toBe(true);
    expect(displayWidth(out)).toBe(50);
    expect(fitMessage('no paths here at all', 5)).toBe('no paths here at all');
  });
});

describe('fitMessage keeps short paths whole', () => {
  it('cuts neither /dev/kmsg nor /var/log/syslog: only a long path is shortened in the middle', () => {
    const text = 'kernel log: cannot read /dev/kmsg: permission denied (kernel.dmesg_restrict=1: needs root or CAP_SYSLOG); following /var/log/syslog';
    expect(fitMessage(text, 80)).toBe(text);
    const long = 'deleted /srv/www/jail-17/var/mod_gzip/cache-0001.gz: freed 1.2 GiB';
    expect(fitMessage(long, 50)).toMatch(/^deleted \/srv.*…\/cache-0001\.gz: freed 1\.2 GiB$/);
  });
});

describe('an alert banner beside a long message', () => {
  it('keeps a stale link whole while a plain banner is shortened', () => {
    const message = { type: 'note' as const, text: 'no data from 10.231.70.2 for 12 s: the link may be stalled, keys still answer here, q to quit the console' };
    const bar = (alert: boolean) => render(<StatusBar width={100} host="h" intervalMs={1000} paused={false} message={message} sampleAt={0} banner={{ text: 'SSH 10.231.70.2 · STALE 12s', alert }} />).lastFrame() ?? '';
    expect(bar(true)).toContain('SSH 10.231.70.2 · STALE 12s');
    expect(bar(false)).not.toContain('STALE 12s');
  });
  it('live alerts give way to an outcome as "ALERT n", so the outcome is read whole at 80 columns', () => {
    const message = { type: 'note' as const, text: 'stopped web-writer.service in 0.0 s: now inactive' };
    const banner = { text: 'LIVE · ALERT crash-loop:node, filesystem-filling:…sitrep-test/units-20168', alert: true, short: 'ALERT 2' };
    const bar = render(<StatusBar width={80} host="vm" intervalMs={1000} paused={false} message={message} sampleAt={0} banner={banner} />).lastFrame() ?? '';
    expect(bar).toContain(' ALERT 2 ');
    expect(bar).toContain('stopped web-writer.service in 0.0 s: now inactive');
    expect(bar).not.toContain('[m]');
    const idle = render(<StatusBar width={160} host="vm" intervalMs={1000} paused={false} message={null} sampleAt={0} banner={banner} />).lastFrame() ?? '';
    expect(idle).toContain('ALERT crash-loop:node');
  });
});
