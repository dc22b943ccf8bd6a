import { describe, expect, it } from 'vitest';
import type { IoCounters } from '../../../src/stream/messages.js';
import { IO_ACTIVE_SAMPLES, IoRotation, NEW_SAMPLES, ROTATION } from '../../../collectors/proc/io-rotation.js';

const counters = (wchar: number, at?: number): IoCounters => ({ rchar: 0, wchar, readBytes: 0, writeBytes: 0, cancelledWriteBytes: 0, ...(at === undefined ? {} : { at }) });

/** A fake process: its pid, CPU ticks, state and bytes written so far (what its stat and io would say). */
interface Fake {
  pid: number;
  ticks: number;
  state: string;
  wchar: number;
}

/** One sample at fake time `now` over `procs`: the pids whose io was read, and what each got. */
function sample(rotation: IoRotation, procs: readonly Fake[], now: number): { read: Set<number>; got: Map<number, IoCounters | null> } {
  rotation.begin(now);
  const read = new Set<number>();
  const got = new Map<number, IoCounters | null>();
  for (const p of procs) got.set(p.pid, rotation.io(`${p.pid}:1`, p.pid, p.ticks, p.state, (at) => (read.add(p.pid), counters(p.wchar, at))));
  rotation.end();
  return { read, got };
}

describe('IoRotation', () => {
  it('reads a writer every sample, a quiet process once per rotation, and forgets the gone', () => {
    const rotation = new IoRotation();
    const reads = { writer: 0, quiet: 0 };
    let written = 0;
    for (let s = 0; s < IO_ACTIVE_SAMPLES + 10 * ROTATION; s++) {
      rotation.begin();
      written += 100;
      rotation.io('1:1', 1, 0, 'S', (at) => (reads.writer++, { ...counters(written), at }));
      const quiet = rotation.io('2:2', 2, 0, 'S', (at) => (reads.quiet++, { ...counters(7), at }));
      expect(quiet?.wchar).toBe(7);
      rotation.end();
    }
    expect(reads.writer).toBe(IO_ACTIVE_SAMPLES + 10 * ROTATION);
    // every sample for its first NEW_SAMPLES, then one in ROTATION
    const total = IO_ACTIVE_SAMPLES + 10 * ROTATION;
    expect(reads.quiet).toBeGreaterThanOrEqual(NEW_SAMPLES + Math.floor((total - NEW_SAMPLES) / ROTATION) - 1);
    expect(reads.quiet).toBeLessThanOrEqual(NEW_SAMPLES + Math.ceil((total - NEW_SAMPLES) / ROTATION) + 1);
    // a process not seen in a sample is dropped: next time it is read at once
    rotation.begin();
    rotation.end();
    rotation.begin();
    let read = false;
    rotation.io('2:2', 2, 0, 'S', () => ((read = true), counters(7)));
    expect(read).toBe(true);
  });

  it('stamps each read with its time, and carries that stamp while it does not re-read', () => {
    const rotation = new IoRotation();
    rotation.begin();
    const first = rotation.io('3:3', 3, 0, 'S', (at) => ({ ...counters(1), at }));
    rotation.end();
    expect(first?.at).toBeTypeOf('number');
    let last = first;
    let rereads = 0;
    let carries = 0;
    for (let s = 0; s < IO_ACTIVE_SAMPLES + ROTATION; s++) {
      rotation.begin();
      let readNow = false;
      const again = rotation.io('3:3', 3, 0, 'S', (at) => ((readNow = true), { ...counters(1), at }));
      rotation.end();
      if (readNow) {
        rereads++;
        expect(again!.at!).toBeGreaterThanOrEqual(last!.at!);
      } else {
        carries++;
        expect(again).toBe(last); // carried whole, stamp included
      }
      last = again;
    }
    // A quiet process is both carried and, in its turn, read again within these samples.
    expect(carries).toBeGreaterThan(0);
    expect(rereads).toBeGreaterThan(0);
  });

  it('on a fake clock: every process is read at least once in ROTATION samples, and one whose ticks moved is read at once', () => {
    const rotation = new IoRotation();
    const procs: Fake[] = Array.from({ length: 200 }, (_, i) => ({ pid: 100 + i, ticks: 50, state: 'S', wchar: 1000 }));
    const lastRead = new Map<number, number>();
    const SAMPLES = 300;
    let quietReads = 0;
    let worstGap = 0;
    let missing = 0;
    for (let s = 0; s < SAMPLES; s++) {
      // now and then a quiet process runs (a tick or more) without writing: read in that very sample
      const woken = s > NEW_SAMPLES && s % 7 === 0 ? procs[(s * 13) % procs.length]! : null;
      if (woken) woken.ticks += 1 + (s % 3);
      const { read, got } = sample(rotation, procs, 1_000_000 + s * 1000);
      if (woken) expect(read.has(woken.pid)).toBe(true);
      for (const p of procs) {
        if (got.get(p.pid)?.wchar !== 1000) missing++; // carried or read, never missing
        if (read.has(p.pid)) {
          if (s >= NEW_SAMPLES && p !== woken) quietReads++;
          lastRead.set(p.pid, s);
        }
        worstGap = Math.max(worstGap, s - lastRead.get(p.pid)!);
      }
    }
    expect(missing).toBe(0);
    // the bound: no process goes ROTATION samples without a read
    expect(worstGap).toBe(ROTATION - 1);
    // and the quiet ones cost about one read in ROTATION samples, not one a sample
    expect(quietReads).toBeLessThanOrEqual(Math.ceil(((SAMPLES - NEW_SAMPLES) * procs.length) / ROTATION) + procs.length);
  });

  it('reads a running or D-state process every sample, ticks or not', () => {
    const rotation = new IoRotation();
    const procs: Fake[] = [
      { pid: 1, ticks: 5, state: 'R', wchar: 0 },
      { pid: 2, ticks: 5, state: 'D', wchar: 0 },
      { pid: 3, ticks: 5, state: 'S', wchar: 0 },
    ];
    const reads = new Map<number, number>();
    for (let s = 0; s < NEW_SAMPLES + 3 * ROTATION; s++) for (const pid of sample(rotation, procs, s * 1000).read) reads.set(pid, (reads.get(pid) ?? 0) + 1);
    expect(reads.get(1)).toBe(NEW_SAMPLES + 3 * ROTATION);
    expect(reads.get(2)).toBe(NEW_SAMPLES + 3 * ROTATION);
    expect(reads.get(3)).toBeLessThanOrEqual(NEW_SAMPLES + 4);
  });

  it('a writer too small to move a tick shows within ROTATION samples, then every sample, and none of its bytes is lost', () => {
    const rotation = new IoRotation();
    const small: Fake = { pid: 42, ticks: 3, state: 'S', wchar: 0 };
    const others: Fake[] = Array.from({ length: 30 }, (_, i) => ({ pid: 200 + i, ticks: 0, state: 'S', wchar: 0 }));
    const procs = [small, ...others];
    let s = 0;
    // long quiet first: past the new period and any activity
    for (; s < IO_ACTIVE_SAMPLES + 2 * ROTATION; s++) sample(rotation, procs, s * 1000);
    // it starts writing 100 bytes a sample, with no tick ever moving
    const startedAt = s;
    let seenAt = -1;
    let seen = 0;
    let lastWchar = 0;
    for (; s < startedAt + ROTATION + 20; s++) {
      small.wchar += 100;
      const { read, got } = sample(rotation, procs, s * 1000);
      const io = got.get(small.pid)!;
      if (read.has(small.pid)) {
        seen += io.wchar - lastWchar; // the delta a re-read finds
        lastWchar = io.wchar;
        if (seenAt < 0 && io.wchar > 0) seenAt = s;
        else if (seenAt >= 0) expect(io.wchar).toBe(small.wchar); // once seen writing: read every sample
      }
    }
    expect(seenAt).toBeGreaterThanOrEqual(startedAt);
    expect(seenAt - startedAt).toBeLessThan(ROTATION);
    expect(seen).toBe(small.wchar); // late, never lost: the counters are cumulative
  });
});
