import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { selectLastEvent } from '../../src/model/selectors.js';
import { initialView, stepView } from '../../src/view/view.js';
import { commandFor } from '../../src/view/keymap.js';
import { App } from '../../ui/App.js';
import { header, sample } from '../support/samples.js';
import { testContext } from '../support/view-context.js';

const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[\d;]*m/g, '');
const LONG = 'K still signalled: sent SIGTERM to 4242 (dd) at 01:02:03 and it has not exited after 5 s; the process ignores SIGTERM, try SIGKILL (9) from the K dialog, the full outcome goes on past the width of the status line';

function withEvent(at: number, now: number): ModelState {
  let m = reduce(initialModel(60), header());
  m = reduce(m, { kind: 'event', t: at, type: 'note', text: 'sent STOP to 12262' });
  m = reduce(m, { kind: 'event', t: at + 1, type: 'error', text: LONG });
  return reduce(m, { ...sample(0, 0, 0), t: now });
}

describe('status line and message log', () => {
  it('lets a note expire from the status line, and says [m] when an outcome is cut short', () => {
    const fresh = withEvent(100_000, 101_000);
    expect(selectLastEvent(fresh, fresh.lastSampleAt)?.text).toBe(LONG);
    const old = withEvent(100_000, 100_000 + 19 * 60_000);
    expect(selectLastEvent(old, old.lastSampleAt)).toBeNull();
    const frame = strip(render(<App model={fresh} live={fresh} view={initialView()} width={120} height={30} />).lastFrame());
    expect(frame.split('\n').at(-1)).toMatch(/K still signalled.*… \[m\]/);
    const stale = strip(render(<App model={old} live={old} view={initialView()} width={120} height={30} />).lastFrame());
    expect(stale).not.toContain('sent STOP');
  });

  it('m shows the whole text of every kept outcome with its time, newest first', () => {
    const m = withEvent(100_000, 100_000 + 19 * 60_000);
    const v = stepView(initialView(), commandFor('m', 'normal')!, testContext({ model: m }));
    expect(v.mode).toBe('messages');
    const frame = strip(render(<App model={m} live={m} view={v} width={100} height={30} />).lastFrame());
    expect(frame).toContain('Messages · 2 kept, newest first');
    const flat = frame.replace(/[│\s]+/g, ' ');
    expect(flat).toContain('the full outcome goes on past the width of the status line');
    expect(frame.indexOf('K still signalled')).toBeLessThan(frame.indexOf('sent STOP to 12262'));
    expect(frame).toMatch(/\d\d:\d\d:\d\d error K still signalled/);
    expect(stepView(v, commandFor('escape', 'messages')!, testContext({ model: m })).mode).toBe('normal');
  });

  it('shows READ-ONLY when actions are off', () => {
    const m = withEvent(100_000, 101_000);
    const frame = strip(render(<App model={m} live={m} view={initialView()} width={120} height={30} readOnly />).lastFrame());
    expect(frame.split('\n').at(-1)).toContain(' READ-ONLY ');
    expect(strip(render(<App model={m} live={m} view={initialView()} width={120} height={30} />).lastFrame())).not.toContain('READ-ONLY');
  });
});
