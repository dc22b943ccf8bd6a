/**
 * How a console reaches an agent over SSH, shared by `sitrep ssh` and the
 * fleet: the ssh argv that starts the agent, and the bundle sent to it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundleGlobals } from '../stream/bundle-globals.js';
import { embeddedBundle } from '../app/executable.js';
import { LOADER } from './protocol.js';
import { REMOTE_SCRIPT } from './remote-script.js';
import type { RemoteArgs } from '../cli/args.js';

export type { RemoteArgs } from '../cli/args.js';


/** A word made safe for the remote POSIX shell: single-quoted. */
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * The ssh argv that starts an agent on `host` with `agentArgs`: the host's
 * script (remote-script.ts) runs the loader with a node >= 20.19, or
 * sitrep's executable from its cache, a sitrep in its PATH, or the copy;
 * every value is a positional parameter of `sh -c`, single-quoted. A node
 * named with --remote-node is the one to use: no copy unless --copy.
 */
export function sshArgv(host: string, options: RemoteArgs, agentArgs: readonly string[]): string[] {
  const copy = options.remoteNode !== null && options.copy === 'ask' ? 'no' : options.copy;
  const words = [options.remoteNode ?? 'node', options.sudo ? '1' : '0', copy, LOADER, ...agentArgs];
  const remote = `exec sh -c ${quote(REMOTE_SCRIPT)} sitrep ${words.map(quote).join(' ')}`;
  return ['ssh', '-T', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=8', '-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3', ...options.sshOptions, '--', host, remote];
}

/** The bundle this process runs from (what is sent to the host). */
export function runningBundle(): Buffer {
  // The single executable carries the bundle as an asset.
  const embedded = embeddedBundle();
  if (embedded) return embedded;
  // In the bundle this code is evaluated from text (load-modes.ts), which names the bundle's file.
  return readFileSync((globalThis as BundleGlobals).__sitrepBundlePath ?? fileURLToPath(import.meta.url));
}

