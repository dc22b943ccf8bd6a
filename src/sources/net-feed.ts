/** The network part of each live sample: the reader's counters, and its socket tables folded by range when they were read. */
import { NetReader } from '../../collectors/net/net-reader.js';
import type { NetSample, SocketOwner } from '../stream/net-messages.js';
import { foldSockets, type FoldMemory } from './net-fold.js';

/** Samples the network; keep one per source (the fold compares each table with the last). */
export class NetFeed {
  private readonly reader: NetReader;
  private memory: FoldMemory | null = null;
  /** When the last table was folded (performance.now()). */
  private foldedAt: number | null = null;

  constructor(procRoot = '/proc') {
    this.reader = new NetReader(procRoot);
  }

  /** This sample's network part; `ownerOf` names the process holding a socket inode; `watched`: the Network pane is looked at. */
  sample(ownerOf: (inode: number) => SocketOwner | null, watched = false): NetSample {
    const reading = this.reader.read(watched);
    const base = { interfaces: reading.interfaces, tcp: reading.tcp, sockstat: reading.sockstat };
    if (!reading.rows) return reading.quiet ? { ...base, quiet: true } : base;
    const now = performance.now();
    const { table, memory } = foldSockets(reading.rows, this.memory, ownerOf, reading.everySamples, this.foldedAt === null ? null : now - this.foldedAt);
    this.memory = memory;
    this.foldedAt = now;
    return { ...base, table };
  }
}
