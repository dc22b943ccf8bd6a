/**
 * The hosts of `sitrep fleet`, each an agent in summary mode over its own SSH
 * link: a row every few seconds, marked stale when it stops, and retried with
 * backoff (2 s doubling to 60 s) when its link ends. No host waits for another.
 */
import { readFileSync } from 'node:fs';
import type { FleetRow } from '../model/fleet.js';
import type { RecordingHeader } from '../record/codec.js';
import type { Self } from '../effects/intents.js';
import { RemoteLink } from '../sources/remote-link.js';
import type { RemoteSession } from '../sources/remote-source.js';
import { sshArgv, type RemoteArgs } from './ssh-argv.js';
import { copyHandshake } from './remote-copy.js';

/** Seconds between a fleet agent's samples and rows. */
export const FLEET_INTERVAL_S = 2;
/** A host with no line for this long is stale. */
export const STALE_AFTER_MS = 3 * FLEET_INTERVAL_S * 1000;

/** One host's state. */
export interface FleetHost {
  readonly host: string;
  link: RemoteLink | null;
  row: FleetRow | null;
  /** When its last row came (Date.now()). */
  rowAt: number | null;
  /** Why its link ended, while it waits to retry. */
  down: string | null;
  /** Set when its link ended on an invalid line (the reason is in `down`): the host is broken, not unreachable. */
  broken: boolean;
  retryAt: number;
  backoffMs: number;
  /** The agent's header and hello: what a console opened on this link starts from. */
  header: RecordingHeader | null;
  hello: Self | null;
  /** The console open on this host's link (Enter), fed the full stream while it is. */
  session: RemoteSession | null;
}

/** The hosts named on the command line and in `--hosts FILE` (one per line, # comments), each once. */
export function fleetHostNames(hosts: readonly string[], file: string | null): string[] {
  const fromFile = file ? readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean) : [];
  return [...new Set([...hosts, ...fromFile])];
}

/** Keeps every host's agent running; `changed` is called whenever a row or a state changes. */
export class Fleet {
  readonly hosts: FleetHost[];
  private readonly timer: NodeJS.Timeout;

  constructor(names: readonly string[], private readonly remote: RemoteArgs, private readonly bundle: Buffer, private readonly changed: () => void) {
    this.hosts = names.map((host) => ({ host, link: null, row: null, rowAt: null, down: null, broken: false, retryAt: 0, backoffMs: 2000, header: null, hello: null, session: null }));
    for (const h of this.hosts) this.connect(h);
    this.timer = setInterval(() => this.tick(), 500);
  }

  /** Whether a host's data is current. */
  state(h: FleetHost, now = Date.now()): 'up' | 'stale' | 'down' | 'broken' | 'connecting' {
    if (h.down) return h.broken ? 'broken' : 'down';
    if (h.rowAt === null) return 'connecting';
    return now - h.rowAt > STALE_AFTER_MS ? 'stale' : 'up';
  }

  private connect(h: FleetHost): void {
    h.down = null;
    h.broken = false;
    const argv = sshArgv(h.host, this.remote, ['--interval', String(FLEET_INTERVAL_S), '--summary', String(FLEET_INTERVAL_S)]);
    const link: RemoteLink = new RemoteLink(h.host, argv, {
      header: (header) => {
        h.header = header;
      },
      hello: (hello) => {
        h.hello = { ...hello, sessionUnits: hello.sessionUnits ?? [] };
      },
      message: (m) => h.session?.events.message?.(m),
      outcome: (o) => h.session?.events.outcome?.(o),
      summary: (s) => {
        h.row = s.row;
        h.rowAt = Date.now();
        h.backoffMs = 2000;
        this.changed();
      },
      ended: (why) => {
        h.session?.events.ended?.(why);
        h.down = why;
        h.broken = link.broken !== null;
        h.link = null;
        h.retryAt = Date.now() + h.backoffMs;
        h.backoffMs = Math.min(60_000, h.backoffMs * 2);
        this.changed();
      },
    }, null, copyHandshake(h.host, this.bundle, this.remote.copy, { note: () => {} }));
    h.link = link;
  }

  private tick(): void {
    const now = Date.now();
    for (const h of this.hosts) if (h.down && now >= h.retryAt) this.connect(h);
    this.changed();
  }

  /** Ends every agent. */
  close(): void {
    clearInterval(this.timer);
    for (const h of this.hosts) h.link?.close();
  }
}
