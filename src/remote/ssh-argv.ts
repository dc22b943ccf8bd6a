/**
 * How a console reaches an agent over SSH, shared by `sitrep ssh` and the
 * fleet: the ssh argv that starts the agent, and the bundle sent to it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundleGlobals } from '../stream/bundle-globals.js';
import { LOADER } from './protocol.js';
import type { RemoteArgs } from '../cli/args.js';

export type { RemoteArgs } from '../cli/args.js';


/** A word made safe for the remote POSIX shell: single-quoted. */
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * The ssh argv that starts an agent on `host` with `agentArgs`: node runs the
 * loader, which takes the bundle from stdin; without node, a sitrep in the
 * host's PATH runs the agent (and passes the bundle frame over).
 */
export function sshArgv(host: string, options: RemoteArgs, agentArgs: readonly string[]): string[] {
  const sudo = options.sudo ? 'sudo -n ' : '';
  const node = quote(options.remoteNode ?? 'node');
  const args = agentArgs.map(quote).join(' ');
  const remote = `if command -v ${node} >/dev/null 2>&1; then exec ${sudo}${node} -e ${quote(LOADER)} agent ${args}; `
    + `elif command -v sitrep >/dev/null 2>&1; then exec ${sudo}sitrep agent ${args}; else echo 'node: not found' >&2; exit 127; fi`;
  return ['ssh', '-T', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=8', '-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3', ...options.sshOptions, '--', host, remote];
}

/** The bundle this process runs from (what is sent to the host). */
export function runningBundle(): Buffer {
  // In the bundle this code is evaluated from text (load-modes.ts), which names the bundle's file.
  return readFileSync((globalThis as BundleGlobals).__sitrepBundlePath ?? fileURLToPath(import.meta.url));
}
