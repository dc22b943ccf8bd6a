import { describe, expect, it } from 'vitest';
import type { IoCounters } from '../../../src/stream/messages.js';
import { IO_ACTIVE_SAMPLES, IoRotation, NEW_SAMPLES, ROTATION } from '../../../collectors/proc/io-rotation.js';

const counters = (wchar: number): IoCounters => ({ rchar: 0, wchar, readBytes: 0, writeBytes: 0, cancelledWriteBytes: 0 });

describe('IoRotation', () => {
  it('reads a writer every sample, a quiet process once per rotation, and forgets the gone', () => {
    const rotation = new IoRotation();
    const reads = { writer: 0, quiet: 0 };
    let written = 0;
    for (let s = 0; s < IO_ACTIVE_SAMPLES + 10 * ROTATION; s++) {
      rotation.begin();
      written += 100;
      rotation.io('1:1', 1, (at) => (reads.writer++, { ...counters(written), at }));
      const quiet = rotation.io('2:2', 2, (at) => (reads.quiet++, { ...counters(7), at }));
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
    rotation.io('2:2', 2, () => ((read = true), counters(7)));
    expect(read).toBe(true);
  });

  it('stamps each read with its time, and carries that stamp while it does not re-read', () => {
    const rotation = new IoRotation();
    rotation.begin();
    const first = rotation.io('3:3', 3, (at) => ({ ...counters(1), at }));
    rotation.end();
    expect(first?.at).toBeTypeOf('number');
    let last = first;
    let rereads = 0;
    let carries = 0;
    for (let s = 0; s < IO_ACTIVE_SAMPLES + ROTATION; s++) {
      rotation.begin();
      let readNow = false;
      const again = rotation.io('3:3', 3, (at) => ((readNow = true), { ...counters(1), at }));
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
});
