/**
 * The client addresses of the SSH sessions on this machine, so that `b` never
 * blocks the admin's own range, nor any logged-in session's. The environment
 * is not enough: `sudo` (env_reset) drops SSH_CONNECTION. So sitrep also walks
 * its ancestors (their environ, and the sshd session above it) and reads the
 * established TCP peers of every sshd process, from that process's own network
 * namespace (/proc/PID/net/tcp{,6}).
 *
 * Any user can name a process `sshd` (prctl) and hold a connection to the
 * range they want spared, so a process counts as sshd only when it is the
 * real one: its binary (/proc/PID/exe) is sshd's, its real and effective
 * user are root, and only the sessions it accepted count (the local end is a
 * port a root-owned socket listens on); never by its name.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import type { SshClient } from '../../src/stream/messages.js';
import { parsePidStat } from '../proc/parse-pid.js';
import { readText } from '../proc/read-processes.js';

const ESTABLISHED = '01';
const LISTEN = '0A';

/** Where sshd's binaries live (the daemon, and OpenSSH 9.8's per-session binary). */
export const SSHD_BINARIES: ReadonlySet<string> = new Set([
  '/usr/sbin/sshd', '/usr/bin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd',
  '/usr/lib/openssh/sshd-session', '/usr/libexec/openssh/sshd-session', '/usr/libexec/sshd-session', '/usr/lib/ssh/sshd-session',
]);

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
  return new Map([...acceptedPeers(text, false)].map(([inode, peer]) => [inode, peer]));
}

/**
 * Remote addresses of the established sockets in /proc/net/tcp text, by
 * socket inode; with `acceptedOnly`, only those whose local end is a port a
 * root-owned socket listens on (on that address or on any): sessions a server
 * accepted, not connections made from here.
 */
export function acceptedPeers(text: string, acceptedOnly = true): Map<string, string> {
  const rows = text.split('\n').slice(1).map((line) => line.trim().split(/\s+/)).filter((f) => f.length >= 10);
  const listening = new Set<string>();
  for (const f of rows) {
    if (f[3] !== LISTEN || f[7] !== '0') continue;
    const [address, port] = f[1]!.split(':');
    listening.add(`${address}:${port}`);
  }
  const wildcard = (address: string) => /^0+$/.test(address);
  const out = new Map<string, string>();
  for (const f of rows) {
    if (f[3] !== ESTABLISHED) continue;
    const [local, port] = f[1]!.split(':') as [string, string];
    const accepted = listening.has(`${local}:${port}`) || [...listening].some((l) => l.endsWith(`:${port}`) && wildcard(l.split(':')[0]!));
    if (acceptedOnly && !accepted) continue;
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
  const peers = new Map([...acceptedPeers(readText(`${procRoot}/${pid}/net/tcp`) ?? ''), ...acceptedPeers(readText(`${procRoot}/${pid}/net/tcp6`) ?? '')]);
  return [...inodes].map((i) => peers.get(i)).filter((a): a is string => a !== undefined);
}

/**
 * Whether `pid` is the real sshd: its binary is one of SSHD_BINARIES (a binary
 * replaced by an upgrade reads '… (deleted)') and its real and effective
 * user are root. Its name (comm, argv) proves nothing.
 */
export function isRealSshd(pid: number, procRoot = '/proc'): boolean {
  let exe: string;
  try {
    exe = readlinkSync(`${procRoot}/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch {
    return false;
  }
  if (!SSHD_BINARIES.has(exe)) return false;
  const uid = /^Uid:\s+(\d+)\s+(\d+)/m.exec(readText(`${procRoot}/${pid}/status`) ?? '');
  return uid !== null && uid[1] === '0' && uid[2] === '0';
}

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
    if (isRealSshd(pid, procRoot)) for (const a of socketPeers(pid, procRoot)) add(a, true);
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
    // The name first (cheap), then the proof: binary and owner.
    if (/^sshd/.test((readText(`${procRoot}/${p}/comm`) ?? '').trim()) && isRealSshd(Number(p), procRoot)) for (const a of socketPeers(Number(p), procRoot)) add(a, false);
  }
  return [...out.values()];
}
