/** The deleted-file scan's cycles: all at once on the second sample, short while something is held, quiet (longer) while nothing is, and short again at once when a writer writes into a deleted file. */
import { describe, expect, it } from 'vitest';
import { DELETED_SCAN_EVERY, DELETED_SCAN_QUIET, DELETED_SCAN_SLICE, DeletedScan } from '../../../collectors/proc/deleted-scan.js';
import type { OpenWrite, ProcessSample } from '../../../src/stream/messages.js';

const proc = (pid: number) => ({ pid, startTicks: 7, kernelThread: false }) as ProcessSample;
const FILE: OpenWrite = { fd: 3, path: '/var/log/x.log', deleted: true, sizeBytes: 1, allocatedBytes: 4096, device: '8:1', inode: 9 };

/** A scan over fake processes: `held` pids hold a deleted file; every read is counted; pid 5 holds socket 1234. */
function scanner(held: Set<number>) {
  const reads: number[] = [];
  const scan = new DeletedScan('/proc', (pid, _root, _limit, onSocket) => {
    reads.push(pid);
    if (pid === 5) onSocket(1234);
    return held.has(pid) ? [FILE] : [];
  });
  return { scan, reads };
}

/** Samples until a cycle's findings come out (at most `max`): how many it took. */
function untilFindings(scan: DeletedScan, procs: ProcessSample[], max = 100, writing = false): { samples: number; found: unknown[] } {
  for (let s = 1; s <= max; s++) {
    const found = scan.scan(procs, writing);
    if (found) return { samples: s, found };
  }
  throw new Error('no findings');
}

describe('DeletedScan', () => {
  const procs = Array.from({ length: 40 }, (_, i) => proc(i + 1));

  it('reads nothing on the first sample and every process on the second; quiet cycles then, each process once a cycle', () => {
    const { scan, reads } = scanner(new Set());
    expect(scan.scan(procs)).toBeUndefined();
    expect(reads).toEqual([]);
    expect(scan.scan(procs)).toEqual([]);
    expect(reads.length).toBe(40);
    expect(scan.socketOwner(1234)).toEqual({ pid: 5, startTicks: 7 });
    reads.length = 0;
    expect(untilFindings(scan, procs).samples).toBe(DELETED_SCAN_QUIET);
    expect(reads.sort((a, b) => a - b)).toEqual(procs.map((p) => p.pid));
  });

  it('a cycle that found a held file is followed by short ones; one that found nothing by a quiet one', () => {
    const held = new Set([12]);
    const { scan } = scanner(held);
    scan.scan(procs);
    expect(scan.scan(procs)).toEqual([{ pid: 12, startTicks: 7, files: [FILE] }]);
    expect(untilFindings(scan, procs)).toEqual({ samples: DELETED_SCAN_EVERY, found: [{ pid: 12, startTicks: 7, files: [FILE] }] });
    held.clear();
    expect(untilFindings(scan, procs)).toEqual({ samples: DELETED_SCAN_EVERY, found: [] });
    expect(untilFindings(scan, procs).samples).toBe(DELETED_SCAN_QUIET);
  });

  it('a writer seen writing into a deleted file ends a quiet cycle: every process within DELETED_SCAN_EVERY samples', () => {
    const held = new Set<number>();
    const { scan, reads } = scanner(held);
    scan.scan(procs);
    scan.scan(procs);
    for (let s = 0; s < 3; s++) expect(scan.scan(procs)).toBeUndefined();
    held.add(17);
    reads.length = 0;
    expect(untilFindings(scan, procs, 100, true)).toEqual({ samples: DELETED_SCAN_EVERY, found: [{ pid: 17, startTicks: 7, files: [FILE] }] });
    expect(new Set(reads).size).toBe(40);
    // still writing: the short cycles are not restarted sample after sample
    expect(untilFindings(scan, procs, 100, true).samples).toBe(DELETED_SCAN_EVERY);
  });

  it('with many processes a slice stays near DELETED_SCAN_SLICE processes', () => {
    const many = Array.from({ length: 3000 }, (_, i) => proc(i + 1));
    const { scan } = scanner(new Set([99]));
    scan.scan(many);
    scan.scan(many);
    expect(untilFindings(scan, many).samples).toBe(3000 / DELETED_SCAN_SLICE);
  });
});
