/**
 * The habits admins bring from htop, ncdu and lnav, through the real store,
 * keymap and App: sort, filter, tree, collapse, a stopped writer still listed,
 * sideways scroll and search highlighting in the Log, an action target that
 * follows the shaped list.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { IoCounters, LogEntry, ProcessSample } from '../../src/stream/messages.js';
import { initialModel } from '../../src/model/model.js';
import { pagesOf } from '../../src/panes/measure.js';
import { Store } from '../../src/view/store.js';
import { initialView } from '../../src/view/view.js';
import { App } from '../../ui/App.js';
import { searchParts } from '../../src/panes/log-lines.js';
import { header, proc, sample } from '../support/samples.js';

const MB = 1024 * 1024;
const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[\d;]*m/g, '');
const W = 150;
const H = 44;
const self = { pid: 99999, parentPid: 99998, uid: 0, user: 'root', sshClients: [] };

function keys(store: Store, ...ks: string[]): void {
  for (const k of ks) {
    const { model, view } = store.getState();
    store.dispatchKey(k, { pages: pagesOf(view.frozen ?? model, W, H, view), self });
  }
}
const frame = (store: Store): string => {
  const { model, view } = store.getState();
  // The focused pane alone, so its rows are not mixed with a neighbour's.
  return strip(render(<App model={view.frozen ?? model} live={model} view={view} width={W} height={H} panes={[view.focus]} />).lastFrame());
};
const lineOf = (text: string, needle: string): string => text.split('\n').find((l) => l.includes(needle)) ?? '';

const io = (n: number): IoCounters => ({ rchar: 0, wchar: n, readBytes: 0, writeBytes: n, cancelledWriteBytes: 0 });
const file = (path: string, size: number) => ({ fd: 3, path, deleted: false, sizeBytes: size, allocatedBytes: size, device: '7:0' });

/** CPU: 101 (parent, busy, small) → 102 (child, big RSS); 103 alone. Writers: two groups. */
function world(s: number, state: (pid: number) => string = () => 'S'): ProcessSample[] {
  return [
    proc(101, 30 * s, { rssBytes: 10 * MB, cmdline: '/usr/sbin/apache2 -k start', state: state(101), io: io(s * 8 * MB), cgroup: '/system.slice/apache2.service', openWrites: [file('/srv/cache/a.gz', s * 8 * MB)] }),
    proc(102, 10 * s, { ppid: 101, rssBytes: 900 * MB, cmdline: '/usr/sbin/apache2 worker', state: state(102), io: io(s * 2 * MB), cgroup: '/system.slice/apache2.service', openWrites: [file('/srv/cache/b.gz', s * 2 * MB)] }),
    proc(103, 20 * s, { rssBytes: 50 * MB, cmdline: '/usr/bin/rsync --daemon', state: state(103), io: io(s * 5 * MB), cgroup: '/system.slice/rsync.service', openWrites: [file('/srv/backup/x', s * 5 * MB)] }),
  ];
}

function store(): Store {
  const st = new Store(initialModel(60), initialView());
  st.dispatchMessage(header());
  st.dispatchMessage(sample(0, 0, 0, world(0)));
  st.dispatchMessage(sample(1, 60, 60, world(1)));
  return st;
}

const cpuOrder = (text: string): number[] => {
  const rows = text.split('\n').filter((l) => /^│ +10[123] root/.test(l));
  return rows.map((l) => Number(/(10[123]) root/.exec(l)![1])).filter((pid, i, all) => all.indexOf(pid) === i);
};

describe('list habits', () => {
  it('sorts the CPU list by the column chosen with > and <, marked in the header', () => {
    const st = store();
    keys(st, '4');
    expect(cpuOrder((frame(st)))).toEqual([101, 103, 102]);
    keys(st, '>');
    const byRss = frame(st);
    expect(byRss).toMatch(/RSS▼/);
    expect(cpuOrder((byRss))).toEqual([102, 103, 101]);
    keys(st, '<');
    expect(frame(st)).toMatch(/CPU%▼/);
  });

  it('filters the CPU list with \\ (typed, Enter applies, Esc clears), and K acts on the filtered row', () => {
    const st = store();
    keys(st, '4', '\\', 'r', 's', 'y', 'n');
    expect(frame(st)).toContain('filter: rsyn▏');
    keys(st, 'enter');
    const shown = frame(st);
    expect(cpuOrder((shown))).toEqual([103]);
    expect(shown).toContain('filter "rsyn"');
    keys(st, 'K');
    expect(frame(st)).toContain('103');
    const dialog = st.getState().view.dialog;
    expect(dialog?.kind === 'process' ? dialog.target.pid : null).toBe(103);
    keys(st, 'escape', '\\', 'escape');
    expect(cpuOrder((frame(st)))).toEqual([101, 103, 102]);
  });

  it('shows CPU as a tree with t: the child under its parent', () => {
    const st = store();
    keys(st, '4', 't');
    const tree = frame(st);
    expect(cpuOrder((tree))).toEqual([101, 102, 103]);
    expect(lineOf(tree, '102 root')).toMatch(/└ \/usr\/sbin\/apache2 worker/);
    expect(tree).toContain('tree');
  });

  it('sorts and filters Writers too', () => {
    const st = store();
    keys(st, '2', '\\', 'b', 'a', 'c', 'k', 'enter');
    const filtered = frame(st);
    expect(filtered).toContain('rsync.service (unit)');
    expect(filtered).not.toContain('apache2.service (unit)');
    keys(st, '\\', 'escape', '>');
    expect(frame(st)).toMatch(/WCHAR▼/);
  });

  it('collapses a Writers group with ← or Space and expands it with → or Enter, as its marker promises', () => {
    const st = store();
    keys(st, '2', 'g');
    expect(frame(st)).toMatch(/▾ apache2\.service/);
    keys(st, ' ');
    const folded = frame(st);
    expect(folded).toMatch(/▸ apache2\.service/);
    expect(folded).not.toMatch(/│ +101 root/);
    expect(folded).toMatch(/│ +103 root/);
    keys(st, 'right');
    expect(frame(st)).toMatch(/│ +101 root/);
    keys(st, 'left');
    expect(frame(st)).toMatch(/▸ apache2\.service/);
    keys(st, 'enter');
    expect(frame(st)).toMatch(/▾ apache2\.service/);
  });

  it('keeps a stopped writer listed with its state, long after it stopped writing', () => {
    const st = store();
    const stopped = (pid: number) => (pid === 103 ? 'T' : 'S');
    // 103 is stopped (SIGSTOP) from second 2: its counters freeze for 20 s.
    const frozen = world(1).find((p) => p.pid === 103)!;
    for (let s = 2; s < 22; s++) st.dispatchMessage(sample(s, 60 * s, 60 * s, [...world(s).filter((p) => p.pid !== 103), { ...frozen, state: stopped(103) }]));
    keys(st, '2');
    const text = frame(st);
    expect(lineOf(text, '103 root')).toContain('STOPPED (T): K sends CONT');
  });
});

describe('Log habits', () => {
  const long = (i: number) => `request ${i} ${'x'.repeat(120)} END-OF-LINE-${i}`;
  function logStore(): Store {
    const st = store();
    const entries: LogEntry[] = Array.from({ length: 5 }, (_, i) => ({ t: 101_000 + i, priority: 6, unit: 'nginx.service', pid: 7, message: i === 2 ? 'upstream timed out' : long(i) }));
    st.dispatchMessage({ kind: 'log', t: 101_500, source: 'journald', entries });
    return st;
  }

  it('scrolls long lines sideways with → and ←', () => {
    const st = logStore();
    keys(st, '3');
    expect(frame(st)).not.toContain('END-OF-LINE-4');
    keys(st, ...Array(8).fill('right'));
    const scrolled = frame(st);
    expect(scrolled).toContain('END-OF-LINE-4');
    expect(scrolled).toContain('«');
    keys(st, ...Array(8).fill('left'));
    expect(frame(st)).not.toContain('«');
  });

  it('highlights what / searched for and jumps to it; n and N move between matches', () => {
    const st = logStore();
    keys(st, '3', '/', 't', 'i', 'm', 'e', 'd', 'enter');
    const { model, view } = st.getState();
    const raw = render(<App model={model} live={model} view={view} width={W} height={H} />).lastFrame() ?? '';
    // Colours are off under the test renderer: the parts the pane highlights are checked directly.
    expect(searchParts('upstream Timed out, timed again', 'timed')).toEqual([
      { text: 'upstream ', match: false }, { text: 'Timed', match: true }, { text: ' out, ', match: false }, { text: 'timed', match: true }, { text: ' again', match: false },
    ]);
    expect(view.log.anchor).toBe(2);
    expect(strip(raw)).toContain('/timed (n/N)');
  });
});


describe('dialogs do not hide the incident', () => {
  it('covers the lower part of the screen; the panes above keep updating', () => {
    const st = store();
    keys(st, '4', 'K');
    const full = (s: Store) => {
      const { model, view } = s.getState();
      return strip(render(<App model={model} live={model} view={view} width={W} height={H} />).lastFrame());
    };
    const open = full(st);
    expect(open).toContain('Send a signal to 101?');
    expect(open).toContain('Disks');
    expect(open).toContain('Writers');
    const before = open.split('\n').find((l) => l.includes('apache2.service (unit)'));
    // Another second: apache2 writes faster; the group line behind the dialog shows it.
    const faster = (s: number) => world(s).map((p) => (p.pid === 101 ? { ...p, io: io(8 * MB + (s - 1) * 40 * MB) } : p));
    st.dispatchMessage(sample(2, 120, 120, faster(2)));
    const after = full(st).split('\n').find((l) => l.includes('apache2.service (unit)'));
    expect(after).not.toBe(before);
    expect(after).toMatch(/42\.0M\/s written/);
    expect(full(st)).toContain('Send a signal to 101?');
  });
});

describe('long command lines', () => {
  it('are shown whole, wrapped, in the detail view (Enter on a CPU row)', () => {
    const st = new Store(initialModel(60), initialView());
    const cmd = `/usr/bin/java -Xmx4g ${Array.from({ length: 30 }, (_, i) => `-Dopt.${i}=value${i}`).join(' ')} -jar /opt/app/THE-END.jar`;
    st.dispatchMessage(header());
    st.dispatchMessage(sample(0, 0, 0, [proc(500, 0, { cmdline: cmd })]));
    st.dispatchMessage(sample(1, 10, 10, [proc(500, 50, { cmdline: cmd })]));
    keys(st, '4', 'enter');
    const text = frame(st).replace(/[│\s]+/g, ' ');
    expect(text).toContain('-jar /opt/app/THE-END.jar');
    expect(text).toContain('-Dopt.17=value17');
  });
});
