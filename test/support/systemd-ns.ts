/**
 * A real systemd booted as PID 1 of a private PID and mount namespace (the
 * recipe of testing.md). It runs real transient units and a real journald. /tmp,
 * /var/tmp, /run and /var/log are private tmpfs mounts, so systemd's boot-time
 * cleanup never touches the host; test files belong under /srv.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const SYSTEMD = '/lib/systemd/systemd';
/** Only one systemd namespace at a time on a machine (testing.md): two would share one cgroup tree. Test files run in parallel, so they take turns. */
const LOCK = '/srv/sitrep-test/systemd-ns.lock';

/** Waits (up to 5 min) until no other process holds the namespace lock, then takes it. */
function takeLock(): void {
  mkdirSync('/srv/sitrep-test', { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(`${LOCK}/pid`, String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = 0;
    try {
      owner = Number(readFileSync(`${LOCK}/pid`, 'utf8'));
    } catch {
      // being written: wait
    }
    if (owner > 0 && !isAlive(owner)) rmSync(LOCK, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`another test's systemd namespace (pid ${owner}) held ${LOCK} for 5 min`);
    else sleep(200);
  }
}

/** Gives the lock back, if this process holds it. */
function releaseLock(): void {
  try {
    if (Number(readFileSync(`${LOCK}/pid`, 'utf8')) === process.pid) rmSync(LOCK, { recursive: true, force: true });
  } catch {
    // not held
  }
}

/** Whether this machine can boot the sandbox (root, unshare, systemd present). */
export function canBootSystemd(): boolean {
  if (process.getuid?.() !== 0 || !existsSync(SYSTEMD)) return false;
  return spawnSync('unshare', ['--pid', '--fork', '--mount', 'true']).status === 0;
}

/** Properties for a transient unit: `-p Name=Value` pairs for systemd-run. */
export type UnitProperties = Readonly<Record<string, string>>;

const sleep = (ms: number) => execFileSync('sleep', [String(ms / 1000)]);

/** One booted systemd; `stop()` powers it off (and kills it if it will not go). */
export class SystemdNamespace {
  private readonly boot: ChildProcess;
  /** The host pid of the namespace's PID 1. */
  readonly pid: number;

  /** Boots systemd to sysinit.target (once no other test's namespace runs); throws when it does not come up in 15 s. */
  constructor() {
    takeLock();
    const script = [
      'mount -t tmpfs tmpfs /tmp', 'mount -t tmpfs tmpfs /var/tmp', 'mount -t tmpfs tmpfs /run',
      'mount -t tmpfs tmpfs /var/log',
      `exec env container=sitrep-test ${SYSTEMD} --system --unit=sysinit.target`,
    ].join('; ');
    this.boot = spawn('unshare', ['--pid', '--fork', '--mount', '--mount-proc', '--propagation', 'private', 'sh', '-c', script], {
      stdio: 'ignore', detached: true,
    });
    this.pid = this.waitForInit();
    const running = this.run(['systemctl', 'is-system-running', '--wait'], { allowFail: true, timeoutMs: 15_000 });
    if (!/running|degraded/.test(running)) {
      this.stop();
      throw new Error(`systemd did not come up: ${running}`);
    }
  }

  private waitForInit(): number {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const children = spawnSync('pgrep', ['-P', String(this.boot.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
      for (const child of children) {
        const cmd = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0')[0];
        if (cmd === SYSTEMD && existsSync(`/proc/${child}/root/run/systemd/private`)) return Number(child);
      }
      sleep(50);
    }
    this.kill();
    throw new Error('systemd in the namespace did not start within 10 s');
  }

  /** The argv that runs `argv` inside the namespace (for tmux panes and spawn). */
  wrap(argv: readonly string[]): string[] {
    return ['nsenter', '-t', String(this.pid), '-m', '-p', '--', ...argv];
  }

  /** Runs a command inside the namespace and returns its stdout. */
  run(argv: readonly string[], options: { allowFail?: boolean; timeoutMs?: number; input?: string | Buffer } = {}): string {
    const [cmd, ...args] = this.wrap(argv);
    const result = spawnSync(cmd!, args, { encoding: 'utf8', timeout: options.timeoutMs ?? 30_000, input: options.input });
    if (result.status !== 0 && !options.allowFail) {
      throw new Error(`${argv.join(' ')} failed (${result.status}): ${result.stderr}`);
    }
    return result.stdout + (result.status !== 0 ? result.stderr : '');
  }

  /** Starts a transient service running `argv`, with the given properties. */
  startUnit(unit: string, argv: readonly string[], properties: UnitProperties = {}): void {
    const props = Object.entries(properties).flatMap(([k, v]) => ['-p', `${k}=${v}`]);
    this.run(['systemd-run', `--unit=${unit}`, '--no-block', '--collect', ...props, '--', ...argv]);
  }

  /** One property of a unit (`systemctl show -p NAME --value`). */
  property(unit: string, name: string): string {
    return this.run(['systemctl', 'show', '--no-pager', '-p', name, '--value', unit]).trim();
  }

  /** `systemctl is-active UNIT`: active, inactive, failed, activating… */
  isActive(unit: string): string {
    return this.run(['systemctl', 'is-active', unit], { allowFail: true }).trim();
  }

  /** Powers the namespace off; kills it outright when it does not go in 10 s. Safe to call twice. */
  stop(): void {
    if (this.boot.exitCode !== null || this.boot.signalCode !== null || !isAlive(this.pid)) return this.kill();
    spawnSync('nsenter', ['-t', String(this.pid), '-m', '-p', 'systemctl', 'poweroff', '--no-block'], { timeout: 5000 });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && isAlive(this.pid)) sleep(100);
    this.kill();
  }

  private kill(): void {
    releaseLock();
    if (isAlive(this.pid)) process.kill(this.pid, 'SIGKILL'); // PID 1 of the namespace: takes every process in it down
    try {
      process.kill(-this.boot.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function isAlive(pid: number): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
