/**
 * `sitrep agent`: the live collectors with no terminal, for `sitrep ssh` and
 * `sitrep fleet`. It writes the stream to stdout in the recording format
 * (NDJSON, versioned: a header, then keyframes, deltas and other messages),
 * reads intents from stdin, runs them after its own checks, and answers each
 * with an outcome line. It ends when stdin closes, or when the console's
 * heartbeat stops (heartbeat.ts): a dropped connection leaves nothing behind.
 * Every request is checked against the protocol's generated schema first; an
 * invalid one is refused with an outcome and the agent keeps running. It
 * sanitizes nothing: the console that shows it does.
 */
import { createInterface } from 'node:readline';
import { hostname, userInfo } from 'node:os';
import { liveSource } from '../sources/live-source.js';
import { Encoder, RECORDING_VERSIONS, type RecordingHeader } from '../record/codec.js';
import { liveActions } from '../effects/live-actions.js';
import { auditedActions, type AuditedOutcome } from '../effects/audit-trail.js';
import { refusal, type Intent, type Self } from '../effects/intents.js';
import { processFacts } from '../../collectors/proc/process-facts.js';
import { sshClients } from '../../collectors/net/ssh-sessions.js';
import { sessionUnits } from '../../collectors/services/session-units.js';
import { sessionGuard } from '../effects/service-targets.js';
import { checkAgentRequest } from '../record/validate-agent.js';
import { HEARTBEAT_MISSES, HeartbeatWatch } from './heartbeat.js';
import { initialModel, reduce, type ModelState } from '../model/model.js';
import { fleetSummary } from '../model/fleet.js';
import type { Message } from '../stream/messages.js';
import { BUNDLE_FRAME, type AgentHello, type AgentOutcome, type AgentRefused, type IntentRequest, type ModeRequest } from './protocol.js';

/** The agent's options: its sampling interval, and summary mode (fleet) every `summaryMs`. */
export interface AgentCommand {
  readonly intervalMs: number;
  readonly summaryMs: number | null;
}

/** Output waiting past this is dropped, and the next sample is a keyframe: a stalled link never grows the agent. */
const MAX_QUEUED_BYTES = 8 * 2 ** 20;

function agentSelf(): Self {
  return {
    pid: process.pid, parentPid: process.ppid, uid: process.getuid?.() ?? 0, user: userInfo().username.slice(0, 256),
    sshClients: sshClients('/proc', process.pid, process.env, false).slice(0, 256), sessionUnits: sessionUnits().filter((u) => u.length <= 512).slice(0, 64),
  };
}

/** The outcome of a request line that fails the schema: refused, by its id when it has a usable one. */
function invalidRequest(text: string, why: string): AgentOutcome | null {
  let v: unknown = null;
  try {
    v = JSON.parse(text);
  } catch {
    // not JSON: no id to answer
  }
  const id = (v as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return null;
  return { kind: 'outcome', id, ok: false, text: `refused: an invalid request (${why}): nothing done`.slice(0, 4096) };
}

/** Why the agent will not run `intent`, judged on this host's /proc, or null. */
export function agentRefusal(intent: Intent, self: Self): string | null {
  if (intent.kind === 'service' && intent.verb === 'stop' && intent.target.guard === null) {
    // The console asks for the name typed when a stop could cut the admin's session; one that did not is refused here too.
    const guard = sessionGuard(intent.target.unit, 'stop', self);
    if (guard) return `refused: ${guard} (the unit's name must be typed to confirm)`;
  }
  if (intent.kind !== 'signal' && intent.kind !== 'truncate') return null;
  const facts = processFacts(intent.target.pid);
  if (!facts || facts.startTicks !== intent.target.startTicks) return `pid ${intent.target.pid} is no longer the process chosen; nothing done`;
  return refusal({ ...intent.target, user: facts.user, kernelThread: facts.kernelThread }, self);
}

/** Runs the agent until stdin closes; resolves with the exit code. */
export function runAgent(command: AgentCommand): Promise<number> {
  const self = agentSelf();
  // Every action and refusal is written to this host's audit trail: the host is where it acts.
  const actions = auditedActions(liveActions(), { via: 'sitrep ssh' });
  const source = liveSource({ intervalMs: command.intervalMs, log: { journalDir: null, logFile: null } });
  let encoder = new Encoder();
  let full = command.summaryMs === null;
  let model: ModelState = initialModel(600);
  let lastSummary = 0;
  const write = (line: object): void => {
    if (process.stdout.writableLength > MAX_QUEUED_BYTES) {
      encoder = new Encoder(); // what follows a gap starts with a keyframe
      return;
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  const onMessage = (m: Message): void => {
    if (m.kind === 'header') {
      const header: RecordingHeader = { format: 'sitrep-recording', version: RECORDING_VERSIONS[0], host: m.host, kernel: m.kernel, intervalMs: m.intervalMs, startedAt: m.startedAt, stream: m };
      const hello: AgentHello = { kind: 'agent', pid: self.pid, parentPid: self.parentPid, uid: self.uid, user: self.user, sshClients: self.sshClients ?? [], sessionUnits: self.sessionUnits ?? [] };
      write(header);
      write(hello);
    }
    if (command.summaryMs !== null) {
      model = reduce(model, m);
      if (m.kind === 'sample' && m.t - lastSummary >= command.summaryMs) {
        lastSummary = m.t;
        write({ kind: 'summary', t: m.t, row: fleetSummary(model) });
      }
    }
    if (full && m.kind !== 'header') write(encoder.encode(m));
  };
  const onRequest = async (request: IntentRequest | ModeRequest | AgentRefused): Promise<void> => {
    if (request.kind === 'mode') {
      if (request.full && !full) encoder = new Encoder();
      full = request.full;
      return;
    }
    if (request.kind === 'refused') {
      // checked against the schema already: the types hold
      await actions.refused({ action: request.action, target: request.target, text: request.text });
      return;
    }
    const refused = agentRefusal(request.intent, self);
    const target = request.intent.kind === 'signal' || request.intent.kind === 'truncate' ? request.intent.target : null;
    const outcome: AuditedOutcome = refused
      ? await actions.refused({ action: request.intent.kind, target, text: refused })
      : await actions.run(request.intent).catch((e: unknown) => ({ ok: false, text: `action failed: ${e instanceof Error ? e.message : String(e)}` }));
    const missing = outcome.trailMissing ? ` — audit trail missing on ${hostname()}: ${outcome.trailMissing}` : '';
    write({ kind: 'outcome', id: request.id, ok: outcome.ok, text: `${outcome.text.slice(0, 4096)}${missing}` } satisfies AgentOutcome);
  };
  return new Promise((resolve) => {
    const end = (code: number) => {
      watch.stop();
      source.stop();
      actions.dispose?.();
      resolve(code);
    };
    const watch = new HeartbeatWatch((silentMs) => {
      process.stderr.write(`sitrep agent: nothing from the console for ${Math.round(silentMs / 1000)} s (${HEARTBEAT_MISSES} heartbeats missed): ending\n`);
      end(3);
    });
    process.stdout.on('error', () => end(0)); // the reader is gone (EPIPE)
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let first = true;
    let skip = 0;
    lines.on('line', (text) => {
      // A sitrep found in the host's PATH is sent the bundle too: its frame is passed over.
      if (first && text.startsWith(BUNDLE_FRAME)) skip = Number(text.slice(BUNDLE_FRAME.length)) || 0;
      first = false;
      if (skip > 0) {
        skip -= Buffer.byteLength(text) + 1;
        return;
      }
      watch.heard();
      const checked = checkAgentRequest(text);
      if (!checked.ok) {
        const refused = invalidRequest(text, checked.why);
        if (refused) write(refused);
        else process.stderr.write(`sitrep agent: ignored an invalid request (${checked.why})\n`);
        return;
      }
      if (checked.value.kind === 'heartbeat') watch.beat(checked.value.everyMs);
      else void onRequest(checked.value);
    });
    lines.on('close', () => end(0));
    source.start(onMessage);
  });
}
