/**
 * A remote host as a Source: the messages its agent sends, plus a note when
 * the link goes quiet (no line for three intervals: the data on screen is
 * stale, the keys still answer) and when it comes back. And the actions that
 * go to the agent as intents, each answered by an outcome line.
 */
import type { Message, Source } from '../stream/messages.js';
import type { ActionOutcome, Intent, ProcessTarget, Self, SystemActions } from '../effects/intents.js';
import type { RecordingHeader } from '../record/codec.js';
import type { LinkEvents, RemoteLink } from './remote-link.js';

/** How long an action waits for the host's answer. */
const OUTCOME_TIMEOUT_MS = 30_000;

/** The link's events wired to a console: messages to `emit`, outcomes to the pending actions. */
export class RemoteSession {
  private emit: ((m: Message) => void) | null = null;
  private readonly backlog: Message[] = [];
  private readonly pending = new Map<number, (o: ActionOutcome) => void>();
  private nextId = 1;
  private timer: NodeJS.Timeout | null = null;
  private staleSince: number | null = null;
  /** The header, once the agent sent it. */
  header: RecordingHeader | null = null;
  /** Who the agent is there (its pid, user, SSH clients): what refusals are judged against. */
  hello: Self | null = null;
  /** Why the link ended, once it did. */
  endedWhy: string | null = null;
  link: RemoteLink | null = null;
  /** False when the link belongs to the fleet: the console's end leaves it open. */
  ownsLink = true;

  /** The events to give the link. */
  readonly events: LinkEvents = {
    header: (h) => {
      this.header = h;
      this.push(h.stream);
    },
    message: (m) => this.push(m),
    hello: (h) => {
      // The units holding the agent's SSH session there: a stop of one asks for its name typed, as locally.
      this.hello = { pid: h.pid, parentPid: h.parentPid, uid: h.uid, user: h.user, sshClients: h.sshClients, sessionUnits: h.sessionUnits ?? [] };
    },
    outcome: (o) => {
      this.pending.get(o.id)?.({ ok: o.ok, text: o.text });
      this.pending.delete(o.id);
    },
    ended: (why) => {
      this.endedWhy = why;
      this.push({ kind: 'event', t: Date.now(), type: 'error', text: `${why}: the data on screen is the last received` });
      for (const resolve of this.pending.values()) resolve({ ok: false, text: `${why}: the outcome is unknown` });
      this.pending.clear();
    },
  };

  private push(m: Message): void {
    if (this.emit) this.emit(m);
    else if (this.backlog.length < 1000) this.backlog.push(m);
  }

  /** The session as a Source for the console. */
  source(): Source {
    return {
      start: (emit) => {
        this.emit = emit;
        for (const m of this.backlog.splice(0)) emit(m);
        this.timer = setInterval(() => this.watch(), 1000);
      },
      stop: () => {
        this.emit = null;
        if (this.timer) clearInterval(this.timer);
      },
    };
  }

  /** Seconds since the agent's last line, or null before any. */
  age(): number | null {
    return this.link ? (performance.now() - this.link.lastLineAt) / 1000 : null;
  }

  private watch(): void {
    const age = this.age();
    const interval = (this.header?.intervalMs ?? 1000) / 1000;
    if (age === null || this.endedWhy) return;
    if (age > Math.max(3, 3 * interval) && this.staleSince === null) {
      this.staleSince = Date.now();
      this.push({ kind: 'event', t: Date.now(), type: 'error', text: `${this.link!.host}: no data for ${Math.round(age)} s: the screen is stale (the link stalled?)` });
    } else if (age <= interval * 2 && this.staleSince !== null) {
      this.staleSince = null;
      this.push({ kind: 'event', t: Date.now(), type: 'note', text: `${this.link!.host}: data again` });
    }
  }

  /** Actions run by the agent on its host: it checks the lock and its refusals again. */
  actions(): SystemActions {
    return {
      run: (intent: Intent) => {
        const link = this.link;
        if (!link?.alive) return Promise.resolve({ ok: false, text: `${this.endedWhy ?? 'not connected'}: nothing sent` });
        const id = this.nextId++;
        return new Promise<ActionOutcome>((resolve) => {
          const timer = setTimeout(() => {
            this.pending.delete(id);
            resolve({ ok: false, text: `no answer from ${link.host} in ${OUTCOME_TIMEOUT_MS / 1000} s: the outcome is unknown` });
          }, OUTCOME_TIMEOUT_MS);
          this.pending.set(id, (o) => {
            clearTimeout(timer);
            resolve(o);
          });
          link.send({ kind: 'intent', id, intent });
        });
      },
      // A refusal decided by the console (pid 1, read-only) goes to the agent, to be written to the host's trail.
      refused: (r: { readonly action: string; readonly target: ProcessTarget | null; readonly text: string }) => {
        if (this.link?.alive) this.link.send({ kind: 'refused', action: r.action, target: r.target, text: r.text });
        return Promise.resolve({ ok: false, text: r.text });
      },
      dispose: () => (this.ownsLink ? this.link?.close() : undefined),
    } as SystemActions;
  }
}
