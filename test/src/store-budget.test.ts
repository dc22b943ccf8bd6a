import { describe, expect, it } from 'vitest';
import { allowanceOf, WindowBudget } from '../../src/record/store-budget.js';
import type { Message, Sample } from '../../src/stream/messages.js';
import type { LogBatch } from '../../src/stream/log-messages.js';

const sample = (t: number, cmdline: string) => ({ kind: 'sample', t, processes: [{ pid: 1, cmdline }] }) as unknown as Sample;
const log = (t: number, n: number) => ({ kind: 'log', t, source: 'journald', entries: Array.from({ length: n }, (_, i) => ({ t, text: `line ${i}` })) }) as unknown as Message;

describe('the recorder budget over time (issue 28, item 4)', () => {
  it('gives each hour 1/48 of the store, at least 256 KiB, at most a quarter', () => {
    expect(allowanceOf(500 * 2 ** 20, 3_600_000)).toBe(Math.floor((500 * 2 ** 20) / 48));
    expect(allowanceOf(4 * 2 ** 20, 20_000)).toBe(256 * 1024);
    expect(allowanceOf(2 ** 20, 1000)).toBe(256 * 1024);
    expect(allowanceOf(90_000, 10_000)).toBe(22_500);
  });

  it('writes everything up to half, then one sample per 30 s with short command lines and 200 log entries per 30 s, then nothing, with one note per change', () => {
    const w = new WindowBudget(0, 1_000_000);
    const long = 'x'.repeat(4096);
    expect(w.admit(sample(1000, long))).toEqual(sample(1000, long));
    expect(w.note(1000, 3_600_000)).toBeNull();
    w.spent = 600_000;
    expect(w.phase()).toBe('thin');
    expect(w.note(2000, 3_600_000)).toMatch(/unusually large .* one sample every 30 s, command lines cut to 256 characters, 200 log entries per 30 s, until 01:00 UTC/);
    expect(w.note(2000, 3_600_000)).toBeNull();
    expect(w.admit(sample(2000, long))).toBeNull(); // within 30 s of the last sample
    const kept = w.admit(sample(31_000, long)) as Sample;
    expect(kept.processes[0]!.cmdline).toHaveLength(256);
    expect(w.admit(sample(40_000, long))).toBeNull();
    expect((w.admit(log(41_000, 150)) as LogBatch).entries).toHaveLength(150);
    expect((w.admit(log(42_000, 150)) as LogBatch).entries).toHaveLength(50);
    expect(w.admit(log(43_000, 10))).toBeNull();
    expect((w.admit(log(72_000, 10)) as LogBatch).entries).toHaveLength(10);
    w.spent = 1_000_000 - 8192;
    expect(w.phase()).toBe('spent');
    expect(w.note(80_000, 3_600_000)).toMatch(/share of the store .* is spent: nothing more is recorded until 01:00 UTC/);
    expect(w.admit(sample(100_000, 'a'))).toBeNull();
    expect(w.fits(1)).toBe(false);
  });
});
