/**
 * One agent over SSH (or any command that runs one): spawns it from an argv
 * array, sends the bundle frame when asked, and reads its NDJSON lines. Stream
 * lines are decoded and validated like a recording's (a compromised host is
 * hostile input); `agent`, `outcome` and `summary` lines against the protocol's
 * generated schema. A line that fails ends the link with the reason, and the
 * link is `broken`. A heartbeat line goes to the agent every 5 s.
 * What the agent prints on stderr becomes the one-line reason when it ends.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { MessageParser, parseHeader } from '../record/reader.js';
import type { RecordingHeader } from '../record/codec.js';
import type { Message } from '../stream/messages.js';
import type { AgentHello, AgentOutcome, AgentSummary } from '../remote/protocol.js';
import { checkAgentLine } from '../record/validate-agent.js';

/** What a link reports. */
export interface LinkEvents {
  header?(header: RecordingHeader): void;
  message?(message: Message): void;
  hello?(hello: Omit<AgentHello, 'kind'>): void;
  outcome?(outcome: Omit<AgentOutcome, 'kind'>): void;
  summary?(summary: Omit<AgentSummary, 'kind'>): void;
  /** The agent ended: why, in one line. */
  ended?(why: string): void;
}

/**
 * The exchange before the agent's header (src/remote/remote-copy.ts): each
 * `SITREP-…` line from the host goes to `line`, which may write to the
 * host's stdin, or end the link with a reason. `why` overrides the end's
 * reason; `busy` holds off the connect timeout (an offer asked, a copy sent).
 */
export interface Handshake {
  line(text: string, write: (data: string | Buffer) => void): string | null;
  why(): string | null;
  readonly busy: boolean;
}

/** How often the link tells the agent it is still here: an agent that hears nothing for several of these ends (src/remote/heartbeat.ts). */
export const HEARTBEAT_EVERY_MS = 5000;

/** The longest line accepted from an agent (a sample of 200,000 processes is well under it). */
const MAX_LINE = 64 * 2 ** 20;

/** Turns ssh's and the remote shell's last words into one line an admin can act on. */
export function endReason(host: string, code: number | null, signal: string | null, stderr: string): string {
  const last = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('Warning: Permanently added')).at(-1) ?? '';
  if (code === 127 || /node: (command )?not found|No such file or directory.*node/.test(stderr)) return `${host}: node not found there (Node >= 20 is needed; --remote-node PATH names it)`;
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/.test(stderr)) return `${host}: unknown or changed host key: connect once with ssh to check and accept it`;
  if (/Permission denied/.test(stderr)) return `${host}: permission denied (${last.replace(/^.*Permission denied\s*/, '') || 'keys'}): check the key or agent`;
  if (/sudo: a (terminal|password) is required|sudo: .*password/.test(stderr)) return `${host}: sudo wants a password: --sudo needs NOPASSWD for node`;
  if (last) return `${host}: ${last.slice(0, 200)}`;
  return `${host}: the agent ended (${signal ?? `exit ${code}`})`;
}

/** A running agent. */
export class RemoteLink {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';
  private parser: MessageParser | null = null;
  private done = false;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Why the host's output was refused (an invalid line), or null: a host that sent one is broken, not just unreachable. */
  broken: string | null = null;
  /** When the last line came (ms, performance clock), for the stale mark. */
  lastLineAt = performance.now();

  constructor(readonly host: string, argv: readonly string[], private readonly events: LinkEvents, bundle: Buffer | null, readonly handshake: Handshake | null = null) {
    this.child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdin.on('error', () => {});
    if (bundle && !handshake) this.child.stdin.write(Buffer.concat([Buffer.from(`SITREP-BUNDLE ${bundle.length + 1}\n`), bundle, Buffer.from('\n')]));
    this.child.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-4000);
    });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.on('error', (error) => this.end(`${host}: ${error.message}`));
    this.child.on('close', (code, signal) => this.end(this.handshake?.why() ?? endReason(host, code, signal, this.stderr)));
  }

  /** Heartbeats start with the agent's header: before it, the host's script and loader read stdin themselves (the copy's hash, the bundle). */
  private startHeartbeat(): void {
    const beat = () => this.send({ kind: 'heartbeat', everyMs: HEARTBEAT_EVERY_MS });
    beat();
    this.heartbeat = setInterval(beat, HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
  }

  /** Sends one request line to the agent. */
  send(request: object): void {
    if (!this.done) this.child.stdin.write(`${JSON.stringify(request)}\n`);
  }

  /** Ends the agent: closing its stdin ends it there; the ssh client is signalled here. */
  close(): void {
    this.done = true;
    clearInterval(this.heartbeat);
    this.child.stdin.end();
    this.child.kill('SIGTERM');
  }

  /** Whether the agent is still connected. */
  get alive(): boolean {
    return !this.done;
  }

  private end(why: string): void {
    clearInterval(this.heartbeat);
    if (this.done) return;
    this.done = true;
    this.events.ended?.(why);
  }

  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Splits the agent's output into lines; a line that grows past MAX_LINE ends the link (a hostile host cannot grow us). */
  private onData(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0 && !this.done; nl = chunk.indexOf(10, start)) {
      this.pending.push(chunk.subarray(start, nl));
      const line = Buffer.concat(this.pending).toString('utf8');
      this.pending = [];
      this.pendingBytes = 0;
      start = nl + 1;
      this.onLine(line);
    }
    if (start < chunk.length && !this.done) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > MAX_LINE) this.fail('a line past 64 MiB');
    }
  }

  private onLine(text: string): void {
    this.lastLineAt = performance.now();
    if (!this.parser && text.startsWith('SITREP-')) {
      // With no handshake (the bundle went first), the host's script's lines are passed over.
      const why = this.handshake?.line(text.slice(0, 200), (data) => !this.done && this.child.stdin.write(data));
      if (why) this.fail(why);
      return;
    }
    if (!this.parser) {
      const header = parseHeader(text);
      if ('error' in header) return this.fail(header.error);
      this.parser = new MessageParser(header.startedAt);
      this.startHeartbeat();
      this.events.header?.(header);
      return;
    }
    const kind = /^\{"kind":"(agent|outcome|summary)"/.exec(text)?.[1];
    if (kind) return this.onControl(kind, text);
    const message = this.parser.push(text);
    if (message) this.events.message?.(message);
    else if (this.parser.stopped) this.fail(`the stream is ${this.parser.stopped}`);
  }

  private onControl(kind: string, text: string): void {
    const line = checkAgentLine(text);
    if (!line.ok) return this.fail(`an invalid ${kind === 'agent' ? 'hello' : kind} line (${line.why})`);
    const v = line.value;
    if (v.kind === 'outcome') this.events.outcome?.(v);
    else if (v.kind === 'agent') this.events.hello?.(v);
    else this.events.summary?.(v);
  }

  /** The host sent something it must not (a damaged or invalid line, a line past 64 MiB): it is broken, with the reason. */
  private fail(why: string): void {
    this.broken ??= why;
    this.end(`${this.host}: ${why}`);
    this.close();
  }
}
