/**
 * "Remote hosts" for the SSH tests: each a network namespace joined to this
 * one by a veth pair (10.231.N.2, reached from 10.231.N.1), running its own
 * sshd in a mount namespace of its own, where a loop ext4 is mounted that only
 * it sees. A key pair, host keys and known_hosts are made per test run.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_ROOT } from './loopfs.js';

/** One host. */
export interface SshHost {
  readonly name: string;
  /** Its hostname (a UTS namespace of its own): sshlab0, sshlab1 … */
  readonly hostname: string;
  readonly address: string;
  /** The veth end on this side: its counters are the host's wire traffic. */
  readonly outer: string;
  /** Where its private loop ext4 is mounted (inside its mount namespace only). */
  readonly mountPoint: string;
  /** sshd's pid (SIGSTOP it to stall the host). */
  readonly sshd: ChildProcess;
  /** Runs a command inside the host (its network and mount namespaces). */
  readonly exec: (argv: readonly string[]) => string;
}

/** The hosts, the ssh options a client needs, and a close that removes everything. */
export interface SshLab {
  readonly hosts: readonly SshHost[];
  readonly sshOptions: readonly string[];
  readonly dir: string;
  readonly close: () => void;
}

/** Whether this machine can run the lab (root, ip, sshd, ssh-keygen). */
export function canRunSshLab(): boolean {
  return process.getuid?.() === 0 && ['ip', '/usr/sbin/sshd', 'ssh-keygen', 'ssh', 'nsenter', 'mkfs.ext4'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
}

/** Makes `count` hosts; each gets a `sizeMiB` loop ext4 at /srv/sitrep-test/ssh-N/data (only it sees it mounted). */
export function makeSshLab(tag: string, count: number, sizeMiB = 64): SshLab {
  const n = process.pid % 200;
  const dir = join(TEST_ROOT, `ssh-${tag}-${process.pid}`);
  const names = Array.from({ length: count }, (_, i) => `sitrep-${tag}-h${i}-${process.pid % 10000}`);
  const close = () => {
    for (const ns of names) {
      const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
      // TERM first: a login shell's startup (pyenv's rehash, say) releases its lock files on TERM; KILL would leave them.
      if (pids.length) {
        spawnSync('kill', ['-CONT', ...pids]);
        spawnSync('kill', ['-TERM', ...pids]);
        spawnSync('sleep', ['0.3']);
        spawnSync('kill', ['-9', ...pids]);
      }
      spawnSync('ip', ['netns', 'delete', ns]);
    }
    // Each disk was mounted only inside its host's mount namespace, with -o loop (autoclear): gone with it.
    rmSync(dir, { recursive: true, force: true });
  };
  close();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync('/run/sshd', { recursive: true });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  execFileSync('cp', [join(dir, 'id.pub'), join(dir, 'authorized_keys')]);
  const hosts: SshHost[] = names.map((ns, i) => {
    const third = (n * 8 + i) % 250;
    const address = `10.231.${third}.2`;
    const [outer, inner] = [`ssho${n}x${i}`, `sshi${n}x${i}`];
    execFileSync('ip', ['netns', 'add', ns]);
    execFileSync('ip', ['link', 'add', outer, 'type', 'veth', 'peer', 'name', inner]);
    execFileSync('ip', ['link', 'set', inner, 'netns', ns]);
    execFileSync('ip', ['addr', 'add', `10.231.${third}.1/24`, 'dev', outer]);
    execFileSync('ip', ['link', 'set', outer, 'up']);
    execFileSync('ip', ['-n', ns, 'addr', 'add', `${address}/24`, 'dev', inner]);
    execFileSync('ip', ['-n', ns, 'link', 'set', inner, 'up']);
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    const image = join(dir, `disk-${i}.img`);
    const mountPoint = join(dir, `data-${i}`);
    mkdirSync(mountPoint);
    execFileSync('truncate', ['-s', `${sizeMiB}M`, image]);
    execFileSync('mkfs.ext4', ['-q', '-m', '5', image]);
    const config = join(dir, `sshd-${i}.conf`);
    writeFileSync(config, [`ListenAddress ${address}`, `HostKey ${join(dir, 'host_key')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'UsePAM no', 'PermitRootLogin yes', 'StrictModes no', 'PidFile none', 'LogLevel ERROR', 'MaxStartups 200', 'MaxSessions 200', `SetEnv PATH=${process.env.PATH}`, ''].join('\n'));
    // sshd and every session it starts live in a mount namespace where only this host's disk is mounted.
    const hostname = `sshlab${i}`;
    const sshd = spawn('ip', ['netns', 'exec', ns, 'unshare', '--mount', '--uts', '--propagation', 'private', 'sh', '-c', `hostname ${hostname} && mount -o loop ${image} ${mountPoint} && exec /usr/sbin/sshd -D -e -f ${config}`], { stdio: 'ignore' });
    const exec = (argv: readonly string[]) => execFileSync('nsenter', ['-t', String(sshd.pid), '-m', '-n', '-u', ...argv], { encoding: 'utf8' });
    return { name: ns, hostname, address, outer, mountPoint, sshd, exec };
  });
  writeFileSync(join(dir, 'known_hosts'), hosts.map((h) => `${h.address} ${readKey(join(dir, 'host_key.pub'))}`).join('\n') + '\n');
  const sshOptions = ['-i', join(dir, 'id'), '-o', `UserKnownHostsFile=${join(dir, 'known_hosts')}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'IdentitiesOnly=yes', '-l', 'root'];
  return { hosts, sshOptions, dir, close };
}

const readKey = (path: string) => execFileSync('cat', [path], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ');

/** Waits until every host's sshd accepts a connection. */
export async function waitForSshd(lab: SshLab, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const h of lab.hosts) {
    for (;;) {
      const r = spawnSync('ssh', [...lab.sshOptions, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=2', h.address, 'true'], { stdio: 'ignore' });
      if (r.status === 0) break;
      if (Date.now() > deadline) throw new Error(`sshd on ${h.address} did not come up`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
