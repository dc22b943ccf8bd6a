/**
 * The client addresses of the SSH sessions on this machine, so that `b` never
 * blocks the admin's own range, nor any logged-in session's. The environment
 * is not enough: `sudo` (env_reset) drops SSH_CONNECTION. So sitrep also walks
 * its ancestors (their environ, and the sshd session above it) and reads the
 * established TCP peers of every sshd process, from that process's own network
 * namespace (/proc/PID/net/tcp{,6}).
 */
import { readdirSync, readlinkSync } from 'node:fs';
import type { SshClient } from '../../src/stream/messages.js';
import { parsePidStat } from '../proc/parse-pid.js';
import { readText } from '../proc/read-processes.js';

const ESTABLISHED = '01';

/** An address from /proc/net/tcp{,6} hex ('0100007F' or 32 hex digits), as text. */
export function hexAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => [6, 4, 2, 0].map((i) => parseInt(w.slice(i, i + 2), 16)));
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
}

/** Remote addresses of established sockets in /proc/net/tcp text, by socket inode. */
export function establishedPeers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== ESTABLISHED) continue;
    out.set(f[9]!, hexAddress(f[2]!.split(':')[0]!));
  }
  return out;
}

/** The client address in SSH_CONNECTION / SSH_CLIENT, or null. */
export function envClientAddress(env: Readonly<Record<string, string | undefined>>): string | null {
  const first = (env.SSH_CONNECTION ?? env.SSH_CLIENT ?? '').trim().split(/\s+/)[0];
  return first ? first : null;
}

function sshEnvAddress(environ: string): string | null {
  const m = /(?:^|\0)SSH_(?:CONNECTION|CLIENT)=(\S+)/.exec(environ);
  return m ? m[1]! : null;
}

/** The TCP peers of process `pid`'s sockets, read in its own network namespace. */
function socketPeers(pid: number, procRoot: string): string[] {
  let fds: string[];
  try {
    fds = readdirSync(`${procRoot}/${pid}/fd`);
  } catch {
    return [];
  }
  const inodes = new Set<string>();
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`${procRoot}/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  if (inodes.size === 0) return [];
  const peers = new Map([...establishedPeers(readText(`${procRoot}/${pid}/net/tcp`) ?? ''), ...establishedPeers(readText(`${procRoot}/${pid}/net/tcp6`) ?? '')]);
  return [...inodes].map((i) => peers.get(i)).filter((a): a is string => a !== undefined);
}

const isSshd = (comm: string) => /^sshd/.test(comm);

/**
 * Every SSH client address: the admin's own (environment, ancestors) and, with
 * `everySession`, every sshd session's (a walk of all of /proc: kept off the
 * start-up path, done again just before a block is added).
 */
export function sshClients(procRoot = '/proc', self = process.pid, env: Readonly<Record<string, string | undefined>> = process.env, everySession = true): SshClient[] {
  const out = new Map<string, SshClient>();
  const add = (address: string | null, own: boolean) => {
    if (address && (!out.has(address) || own)) out.set(address, { address, own });
  };
  add(envClientAddress(env), true);
  for (let pid = self, hops = 0; pid > 1 && hops < 64; hops++) {
    const stat = parsePidStat(readText(`${procRoot}/${pid}/stat`) ?? '');
    if (!stat) break;
    add(sshEnvAddress(readText(`${procRoot}/${pid}/environ`) ?? ''), true);
    if (isSshd(stat.comm)) for (const a of socketPeers(pid, procRoot)) add(a, true);
    pid = stat.ppid;
  }
  if (!everySession) return [...out.values()];
  let pids: string[] = [];
  try {
    pids = readdirSync(procRoot).filter((n) => /^\d+$/.test(n));
  } catch {
    // no /proc: the environment is all there is
  }
  for (const p of pids) {
    if (isSshd((readText(`${procRoot}/${p}/comm`) ?? '').trim())) for (const a of socketPeers(Number(p), procRoot)) add(a, false);
  }
  return [...out.values()];
}
