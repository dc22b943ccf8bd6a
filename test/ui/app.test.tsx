import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/view/keymap.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import type { Message } from '../../src/stream/messages.js';
import { initialView } from '../../src/view/view.js';
import { displayWidth } from '../../src/text/width.js';
import { App } from '../../ui/App.js';
import { CpuPane, ProcessTable } from '../support/panes.js';
import { helpLines, helpPageRows } from '../../src/view/keymap-help.js';
import { HelpOverlay } from '../../ui/HelpOverlay.js';
import { header, proc, sample } from '../support/samples.js';

function model(cores = 2, processes = [proc(1, 0), proc(2, 0)]): ModelState {
  const messages: Message[] = [header({ cores })];
  for (let s = 0; s < 30; s++) {
    const m = sample(s, s * 30, s * 70, processes.map((p) => ({ ...p, cpuTicks: p.cpuTicks + s * p.pid })));
    messages.push({ ...m, cpuCores: Array.from({ length: cores }, () => m.cpuCores[0]!) });
  }
  return messages.reduce(reduce, initialModel(60));
}

const strip = (s: string): string => s.replace(/\x1b\[[\d;]*m/g, '');
const lines = (frame: string | undefined): string[] => strip(frame ?? '').split('\n');

describe('App layout', () => {
  it('fills 120x40: Disks, Writers and Network full width, Log beside CPU below, and a status line', () => {
    const m = model();
    const { lastFrame } = render(<App model={m} live={m} view={initialView()} width={120} height={40} />);
    const out = lines(lastFrame());
    expect(out).toHaveLength(40);
    expect(out[0]).toMatch(/^╭─ Disks /);
    const writers = out.findIndex((l) => /^╭─ Writers /.test(l));
    const network = out.findIndex((l) => /^╭─ Network /.test(l));
    const bottom = out.findIndex((l) => /^╭─ Log .*╮╭─ CPU /.test(l));
    expect(writers).toBeGreaterThan(2);
    expect(network).toBeGreaterThan(writers);
    expect(bottom).toBeGreaterThan(network);
    expect(out[39]).toContain('sitrep test-host');
    expect(out.every((l) => displayWidth(l) <= 120)).toBe(true);
  });

  it('shows one pane with a tab bar below 80x24', () => {
    const m = model();
    const { lastFrame } = render(<App model={m} live={m} view={initialView()} width={60} height={15} />);
    const out = lines(lastFrame());
    expect(out[0]).toContain(' 1 Disks ');
    expect(out[0]).toContain(' 4 CPU ');
    expect(out[0]).toContain(' 5 Network ');
    expect(out[1]).toMatch(/^╭─ Disks /);
    expect(out).toHaveLength(15);
  });

  it('says the terminal is too small below 40x10', () => {
    const m = model();
    const { lastFrame } = render(<App model={m} live={m} view={initialView()} width={30} height={8} />);
    expect(lines(lastFrame())).toEqual(['terminal too small (30x8): need 40x10']);
  });

  it('shows PAUSED when the view is frozen', () => {
    const m = model();
    const view = { ...initialView(), frozen: m };
    const { lastFrame } = render(<App model={m} live={m} view={view} width={100} height={30} />);
    expect(strip(lastFrame() ?? '')).toContain('PAUSED');
  });
});

describe('CpuPane', () => {
  it('draws one labelled graph per core at full size', () => {
    const { lastFrame } = render(<CpuPane model={model(4)} width={118} height={38} selected={0} focused />);
    const frame = strip(lastFrame() ?? '');
    expect(frame.match(/^cpu\d+\s+\d+%/gm)).toHaveLength(4);
    expect(frame).toMatch(/[\u2801-\u28ff]/);
    expect(frame).toContain('load 0.50 0.40 0.30');
  });

  it('folds 64 cores into a compact heat line instead of overflowing', () => {
    const { lastFrame } = render(<CpuPane model={model(64)} width={78} height={20} selected={0} focused />);
    const out = lines(lastFrame());
    expect(out.some((l) => l.startsWith('cores '))).toBe(true);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out.every((l) => displayWidth(l) <= 78)).toBe(true);
  });

  it('fits a tiny pane without overflowing', () => {
    const { lastFrame } = render(<CpuPane model={model()} width={38} height={6} selected={0} focused />);
    const out = lines(lastFrame());
    expect(out.length).toBeLessThanOrEqual(6);
    expect(out.every((l) => displayWidth(l) <= 38)).toBe(true);
  });
});

describe('ProcessTable', () => {
  it('shows hostile names sanitized and keeps the columns aligned', () => {
    const rows = [
      { ...proc(1, 0), cmdline: '\x1b]0;pwned\x07\x1b[31mEVIL\nline', cpuPercent: 5 },
      { ...proc(2, 0), cmdline: '日本語のプロセス名', cpuPercent: 1 },
    ].map((p) => ({ ...p, cpuPercent: p.cpuPercent }));
    const { lastFrame } = render(<ProcessTable rows={rows.map((row) => ({ row, depth: 0 }))} width={60} height={3} selected={0} focused={false} />);
    const frame = lastFrame() ?? '';
    expect(frame).not.toMatch(/\x1b\]|\x07|\n.*\n.*\n/);
    expect(frame).toContain('EVIL line');
    const out = strip(frame).split('\n');
    const commandColumn = (line: string, text: string): number => displayWidth(line.slice(0, line.indexOf(text)));
    expect(commandColumn(out[1]!, 'EVIL')).toBe(commandColumn(out[0]!, 'COMMAND'));
    expect(commandColumn(out[2]!, '日本')).toBe(commandColumn(out[0]!, 'COMMAND'));
  });

  it('scrolls so the selected row stays visible', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ ...proc(i + 1, 0), cpuPercent: 0 }));
    const { lastFrame } = render(<ProcessTable rows={rows.map((row) => ({ row, depth: 0 }))} width={60} height={5} selected={15} focused />);
    expect(strip(lastFrame() ?? '')).toContain('/bin/p16');
    expect(strip(lastFrame() ?? '')).not.toContain('/bin/p1 ');
  });
});

describe('HelpOverlay', () => {
  /** Every help text seen while scrolling the help at width x height from the top to the end (j and PgDn). */
  const seenWhileScrolling = (context: 'live' | 'replay', width: number, height: number, step: 'j' | 'pagedown'): { seen: string; pages: string[] } => {
    const body = height - 1;
    const total = helpLines(context).length;
    const page = helpPageRows(height);
    const pages: string[] = [];
    for (let scroll = 0; ; scroll += step === 'j' ? 1 : page) {
      const { lastFrame } = render(<HelpOverlay width={width} height={body} scroll={scroll} context={context} />);
      pages.push(strip(lastFrame() ?? ''));
      if (scroll + page >= total) break;
    }
    return { seen: pages.join('\n'), pages };
  };

  it('is generated from the keymap table: at 80x24 and 60x15 every binding of the main screen is reachable by scrolling', () => {
    for (const [w, h] of [[80, 24], [60, 15]] as const) {
      for (const step of ['j', 'pagedown'] as const) {
        const { seen, pages } = seenWhileScrolling('live', w, h, step);
        for (const b of KEYMAP.filter((k) => k.modes.includes('normal') && (k.context === undefined || k.context === 'live'))) expect(seen, `${w}x${h} ${step}: ${b.help}`).toContain(b.help.slice(0, w - 20));
        expect(pages[0]).toContain('↓ more below');
        expect(pages.at(-1)).toContain('↑ more above');
        // readable: no line wider than the screen
        for (const p of pages) for (const line of p.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(w);
      }
    }
  });

  it('lists the replay transport keys in the replay context, and not live', () => {
    const replay = seenWhileScrolling('replay', 80, 24, 'pagedown').seen;
    for (const b of KEYMAP.filter((k) => k.context === 'replay')) expect(replay).toContain(b.help);
    expect(seenWhileScrolling('live', 80, 24, 'pagedown').seen).not.toContain('replay: back 10 s');
  });
});

describe('DirBrowser', () => {
  it('shows the rows, the fastest grower, and says when the watch fell back to re-measuring', async () => {
    const { DirBrowser } = await import('../../ui/DirBrowser.js');
    const { initialModel, reduce } = await import('../../src/model/model.js');
    let m = reduce(initialModel(), header());
    m = reduce(m, { kind: 'scan', t: 1, dir: '/srv', state: 'done', device: '8:1', children: [
      { name: 'var', isDir: true, bytes: 3e9, apparent: 3e9, files: 10, dirs: 2, errors: 0, mtime: 0 },
      { name: 'www\x1b]0;x\x07', isDir: true, bytes: 1e9, apparent: 1e9, files: 5, dirs: 1, errors: 1, mtime: 0 },
    ], totalBytes: 4e9, errors: 1, elapsedMs: 1200 });
    m = reduce(m, { kind: 'growth', t: 2, dir: '/srv', watch: 'polling', bytesPerSec: { var: 100 * 1024 * 1024 } });
    const { lastFrame } = render(<DirBrowser model={m} browse={{ path: '/srv', sort: 'size', apparent: false, selected: 0, anchor: null }} width={100} height={12} />);
    const out = lastFrame() ?? '';
    expect(out).toContain('watch failed, re-measuring every 4 s');
    expect(out).toMatch(/\+100M\/s .* var\//);
    expect(out).toContain('(1 unreadable)');
    expect(out).not.toContain('\x07');
  });
});
