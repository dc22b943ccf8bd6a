/**
 * `sitrep agent`: the live collectors with no terminal, for `sitrep ssh` and
 * `sitrep fleet`. It writes the stream to stdout in the recording format
 * (NDJSON, versioned: a header, then keyframes, deltas and other messages),
 * reads intents from stdin, runs them after its own checks, and answers each
 * with an outcome line. It ends when stdin closes: a dropped connection leaves
 * nothing behind. It sanitizes nothing: the console that shows it does.
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
import { initialModel, reduce, type ModelState } from '../model/model.js';
import { fleetSummary } from '../model/fleet.js';
import type { Message } from '../stream/messages.js';
import { BUNDLE_FRAME, type AgentHello, type AgentOutcome, type AgentRequest } from './protocol.js';

/** The agent's options: its sampling interval, and summary mode (fleet) every `summaryMs`. */
export interface AgentCommand {
  readonly intervalMs: number;
  readonly summaryMs: number | null;
}

/** Output waiting past this is dropped, and the next sample is a keyframe: a stalled link never grows the agent. */
const MAX_QUEUED_BYTES = 8 * 2 ** 20;

function agentSelf(): Self {
  return { pid: process.pid, parentPid: process.ppid, uid: process.getuid?.() ?? 0, user: userInfo().username, sshClients: sshClients('/proc', process.pid, process.env, false) };
}

/** Why the agent will not run `intent`, judged on this host's /proc, or null. */
export function agentRefusal(intent: Intent, self: Self): string | null {
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
      const hello: AgentHello = { kind: 'agent', pid: self.pid, parentPid: self.parentPid, uid: self.uid, user: self.user, sshClients: self.sshClients ?? [] };
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
  const onRequest = async (request: AgentRequest): Promise<void> => {
    if (request.kind === 'mode') {
      if (request.full && !full) encoder = new Encoder();
      full = request.full;
      return;
    }
    if (request.kind === 'refused') {
      const target = request.target && typeof request.target === 'object' ? request.target : null;
      await actions.refused({ action: String(request.action).slice(0, 32), target, text: String(request.text).slice(0, 500) });
      return;
    }
    const refused = agentRefusal(request.intent, self);
    const target = request.intent.kind === 'signal' || request.intent.kind === 'truncate' ? request.intent.target : null;
    const outcome: AuditedOutcome = refused ? await actions.refused({ action: request.intent.kind, target, text: refused }) : await actions.run(request.intent);
    const missing = outcome.trailMissing ? ` — audit trail missing on ${hostname()}: ${outcome.trailMissing}` : '';
    write({ kind: 'outcome', id: request.id, ok: outcome.ok, text: `${outcome.text}${missing}` } satisfies AgentOutcome);
  };
  return new Promise((resolve) => {
    const end = (code: number) => {
      source.stop();
      actions.dispose?.();
      resolve(code);
    };
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
      let request: AgentRequest;
      try {
        request = JSON.parse(text) as AgentRequest;
      } catch {
        return;
      }
      if (request?.kind === 'intent' || request?.kind === 'mode' || request?.kind === 'refused') void onRequest(request);
    });
    lines.on('close', () => end(0));
    source.start(onMessage);
  });
}
