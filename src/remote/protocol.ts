/**
 * The agent's protocol over an SSH channel, both ways, as NDJSON lines.
 * Agent → console: a RecordingHeader, an `agent` hello, then the encoded
 * stream (keyframe, delta and other messages), `outcome` lines answering
 * intents, and `summary` lines in fleet mode. Console → agent: optionally the
 * bundle itself (a frame the bootstrap loader reads), then `intent` and `mode`
 * lines.
 */
import type { Intent, ProcessTarget } from '../effects/intents.js';
import type { FleetRow } from '../model/fleet.js';
import type { SshClient } from '../stream/messages.js';

/** The first line of a bundle sent over stdin, followed by its byte count. */
export const BUNDLE_FRAME = 'SITREP-BUNDLE ';

/** Who the agent is on its host: what refusals there are judged against. */
export interface AgentHello {
  readonly kind: 'agent';
  /** @min 1 @max 4194304 */
  readonly pid: number;
  /** @min 0 @max 4194304 */
  readonly parentPid: number;
  /** @min 0 @max 4294967295 */
  readonly uid: number;
  /** @maxLength 256 */
  readonly user: string;
  /** @maxItems 256 */
  readonly sshClients: readonly SshClient[];
  /** The units holding the agent and the processes above it (its SSH session there): a stop of one asks for its name typed. @maxItems 64 @maxLength 512 */
  readonly sessionUnits?: readonly string[];
}

/** The agent's answer to one intent, by the request's id. */
export interface AgentOutcome {
  readonly kind: 'outcome';
  /** @min 0 @max 9007199254740991 */
  readonly id: number;
  readonly ok: boolean;
  /** @maxLength 4096 */
  readonly text: string;
}

/** Fleet mode: one summary row of the host, every summary interval. */
export interface AgentSummary {
  readonly kind: 'summary';
  /** @time */
  readonly t: number;
  readonly row: FleetRow;
}

/** Every line the agent sends besides the stream: validated by the console against the generated schema (src/record/agent-schema.ts). */
export type AgentLine = AgentHello | AgentOutcome | AgentSummary;

/** An intent to run, answered by an outcome with the same id. */
export interface IntentRequest {
  readonly kind: 'intent';
  /** @min 0 @max 9007199254740991 */
  readonly id: number;
  readonly intent: Intent;
}

/** The full stream on or off (fleet: Enter and Esc). */
export interface ModeRequest {
  readonly kind: 'mode';
  readonly full: boolean;
}

/** "I am still here", every `everyMs`: the agent ends when it hears nothing for HEARTBEAT_MISSES of them (src/remote/heartbeat.ts). */
export interface HeartbeatRequest {
  readonly kind: 'heartbeat';
  /** @min 1000 @max 60000 */
  readonly everyMs: number;
}

/** What the console sends; the agent validates each line against the generated schema and refuses anything else. */
export type AgentRequest = IntentRequest | ModeRequest | HeartbeatRequest | AgentRefused;

/** An action the console refused before its dialog (pid 1, read-only): the agent writes it to its host's audit trail. */
export interface AgentRefused {
  readonly kind: 'refused';
  /** @maxLength 64 */
  readonly action: string;
  readonly target: ProcessTarget | null;
  /** @maxLength 4096 */
  readonly text: string;
}

/**
 * The bootstrap the remote node runs (`node -e`): it reads the frame from
 * stdin, writes the bundle to a fresh private directory (mkdtemp, 0700),
 * imports it as `sitrep agent ARGS`, then removes it: nothing stays installed.
 * Bytes after the frame are put back for the agent's intent reader. No single
 * quote inside: it travels single-quoted through the remote shell.
 */
export const LOADER = [
  'const fs=require("fs"),os=require("os"),path=require("path"),url=require("url");',
  'let buf=Buffer.alloc(0),need=-1;',
  'const onData=(c)=>{buf=Buffer.concat([buf,c]);',
  'if(need<0){const nl=buf.indexOf(10);if(nl<0)return;const head=buf.subarray(0,nl).toString();',
  `if(!head.startsWith("${BUNDLE_FRAME}")){process.stderr.write("sitrep agent: no bundle on stdin\\n");process.exit(2)}`,
  'need=Number(head.slice(14));buf=buf.subarray(nl+1)}',
  'if(buf.length<need)return;process.stdin.off("data",onData);process.stdin.pause();',
  'const rest=buf.subarray(need);const dir=fs.mkdtempSync(path.join(os.tmpdir(),"sitrep-agent-"));',
  'const file=path.join(dir,"sitrep.mjs");fs.writeFileSync(file,buf.subarray(0,need),{mode:0o600,flag:"wx"});',
  'if(rest.length)process.stdin.unshift(rest);',
  'process.argv=[process.argv[0],file,...process.argv.slice(1)];',
  'import(url.pathToFileURL(file).href).finally(()=>fs.rmSync(dir,{recursive:true,force:true}))};',
  'process.stdin.on("data",onData);',
].join('');
