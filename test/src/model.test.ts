import { describe, expect, it } from 'vitest';
import { initialModel, reduce, EVENT_HISTORY, type ModelState } from '../../src/model/model.js';
import { emptyRing, lastValues, pushRing } from '../../src/model/ring.js';
import { selectCpu, selectLastEvent, selectMemory, selectTopProcesses } from '../../src/model/selectors.js';
import type { Message } from '../../src/stream/messages.js';
import { header, proc, sample } from '../support/samples.js';

const run = (messages: Message[], model: ModelState = initialModel(60)): ModelState => messages.reduce(reduce, model);

describe('ring buffer', () => {
  it('keeps the newest values up to its capacity and never mutates the old ring', () => {
    let ring = emptyRing(3);
    const first = pushRing(ring, 1);
    for (const v of [1, 2, 3, 4]) ring = pushRing(ring, v);
    expect(Array.from(ring.values)).toEqual([2, 3, 4]);
    expect(Array.from(first.values)).toEqual([1]);
    expect(Array.from(lastValues(ring, 2))).toEqual([3, 4]);
  });
});

describe('model reducer', () => {
  it('derives busy fractions from raw jiffies, total and per core', () => {
    const m = run([header(), sample(0, 0, 0), sample(1, 25, 75)]);
    const view = selectCpu(m);
    expect(view.totalNow).toBeCloseTo(0.25);
    expect(view.coresNow).toEqual([0.25, 0.25]);
    expect(view.cores).toHaveLength(2);
  });

  it('bounds every series by the history window', () => {
    const messages: Message[] = [header()];
    for (let s = 0; s < 200; s++) messages.push(sample(s, s * 10, s * 90));
    const m = run(messages, initialModel(60));
    expect(m.cpuTotal.values.length).toBe(60);
    expect(m.cpuCores[0]!.values.length).toBe(60);
  });

  it('computes CPU% per process from tick deltas, where 100% is one core', () => {
    const m = run([header(), sample(0, 0, 0, [proc(10, 0), proc(11, 0)]), sample(2, 100, 100, [proc(10, 300), proc(11, 20)])]);
    const top = selectTopProcesses(m);
    expect(top[0]).toMatchObject({ pid: 10, cpuPercent: 150 });
    expect(top[1]).toMatchObject({ pid: 11, cpuPercent: 10 });
  });

  it('does not charge a recycled pid with the old process ticks', () => {
    const before = proc(10, 5000, { startTicks: 100 });
    const reused = proc(10, 50, { startTicks: 100_000 + 60_000 });
    const m = run([header(), sample(0, 0, 0, [before]), sample(1, 10, 90, [reused])]);
    // Started after the previous sample: all 50 ticks fell inside the interval.
    expect(selectTopProcesses(m)[0]!.cpuPercent).toBe(50);
  });

  it('gives processes of the first sample no rate yet', () => {
    const m = run([header(), sample(0, 0, 0, [proc(10, 999)])]);
    expect(selectTopProcesses(m)[0]!.cpuPercent).toBe(0);
  });

  it('reports memory used as total minus available', () => {
    const m = run([header(), sample(0, 0, 0)]);
    expect(selectMemory(m)).toMatchObject({ total: 8e9, used: 2e9, swapTotal: 0 });
  });

  it('keeps a bounded list of events and exposes the newest error', () => {
    const events: Message[] = Array.from({ length: EVENT_HISTORY + 10 }, (_, i) => ({ kind: 'event', t: i, type: 'error', text: `e${i}` }));
    const m = run([header(), ...events]);
    expect(m.events).toHaveLength(EVENT_HISTORY);
    expect(selectLastEvent(m)).toEqual({ type: 'error', text: `e${EVENT_HISTORY + 9}` });
  });

  it('ignores samples before a header', () => {
    expect(run([sample(0, 1, 1)]).sampleCount).toBe(0);
  });
});
