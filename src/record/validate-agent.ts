/**
 * Shape checks for the agent protocol, both ways, against the schema
 * generated from src/remote/protocol.ts (src/record/agent-schema.ts, by the
 * same generator as the recording's): the console checks every hello,
 * outcome and fleet summary row a host sends (a host is hostile input), and
 * the agent checks every request before it acts on it.
 */
import type { AgentLine, AgentRequest } from '../remote/protocol.js';
import { AGENT_DEFS, AGENT_LINE, AGENT_REQUEST } from './agent-schema.js';
import { mismatch } from './schema-why.js';

/** A checked value, or why it is not one. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly why: string };

function check<T>(node: typeof AGENT_LINE, text: string): Checked<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, why: 'a line that is not JSON' };
  }
  const why = mismatch(node, value, AGENT_DEFS);
  return why ? { ok: false, why } : { ok: true, value: value as T };
}

/** An agent's hello, outcome or summary line, checked. */
export function checkAgentLine(text: string): Checked<AgentLine> {
  return check<AgentLine>(AGENT_LINE, text);
}

/** A console's request line, checked. */
export function checkAgentRequest(text: string): Checked<AgentRequest> {
  return check<AgentRequest>(AGENT_REQUEST, text);
}
