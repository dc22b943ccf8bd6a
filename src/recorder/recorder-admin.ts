/**
 * `sitrep recorder install|status|uninstall`: the flight recorder as a
 * systemd service, sandboxed (nice, idle I/O, capped memory and CPU, a
 * read-only system with only the store writable), run by the absolute paths
 * of this node and this bundle. Without systemd, install prints the unit and
 * says why. Commands run from argv arrays, with --no-pager.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, realpathSync, renameSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import type { StoreCommand } from '../cli/store-args.js';
import { defaultStore, listStore, storeRefusal } from '../record/store.js';
import { floorOf } from '../record/store-writer.js';
import { formatTime } from '../text/format.js';
import { executablePath } from '../app/executable.js';
import { sanitize } from '../text/sanitize.js';
import { rootExecRefusal } from './install-refusal.js';

/** Where the unit goes. */
export const UNIT_NAME = 'sitrep-recorder.service';
const UNIT_PATH = `/etc/systemd/system/${UNIT_NAME}`;

type Admin = Extract<StoreCommand, { kind: 'recorder-admin' }>;

/** systemd's quoting of one ExecStart word. */
const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `"${word.replace(/["\\]/g, '\\$&')}"`);

/**
 * What a read-mostly sampler needs and no more (issue 28, item 13). Capabilities:
 * reading every process's /proc (io, fd, environ: ptrace read access), every
 * file and directory it names (DAC read and search), and /dev/kmsg (syslog).
 * No network of its own beyond the host's /proc/net (so no PrivateNetwork:
 * that would show only its own namespace's sockets), no new namespaces, no
 * kernel tunables, modules or clock, devices closed but /dev/kmsg. Not set,
 * and why: ProtectKernelLogs (it hides /dev/kmsg, the kernel's OOM kills),
 * ProtectProc/ProcSubset (they hide other users' processes and /proc/stat),
 * PrivateUsers (root's view is the point), MemoryDenyWriteExecute (node's JIT).
 */
const SANDBOX = [
  'CapabilityBoundingSet=CAP_SYS_PTRACE CAP_DAC_READ_SEARCH CAP_SYSLOG',
  'AmbientCapabilities=',
  'SystemCallFilter=@system-service',
  'SystemCallFilter=~@privileged @resources @mount @swap @reboot @raw-io @module @obsolete @cpu-emulation @debug',
  'SystemCallErrorNumber=EPERM',
  'SystemCallArchitectures=native',
  'RestrictAddressFamilies=AF_UNIX AF_NETLINK',
  'IPAddressDeny=any',
  'ProtectKernelTunables=yes',
  'ProtectKernelModules=yes',
  'ProtectControlGroups=yes',
  'ProtectClock=yes',
  'ProtectHostname=yes',
  'DevicePolicy=closed',
  'DeviceAllow=/dev/kmsg r',
  'RestrictNamespaces=yes',
  'RestrictRealtime=yes',
  'RestrictSUIDSGID=yes',
  'LockPersonality=yes',
  'KeyringMode=private',
  'PrivateMounts=yes',
  'UMask=0077',
];

/** The unit file for `command`, started by `node` running `bundle` (or by sitrep's single executable, `bundle` null). */
export function recorderUnit(command: Pick<Admin, 'store' | 'intervalMs' | 'maxBytes' | 'maxAgeMs' | 'alertHorizonMs' | 'alertHoldMs' | 'alertCommand'>, node: string, bundle: string | null): string {
  const store = command.store ?? defaultStore();
  const exec = [node, ...(bundle === null ? [] : [bundle]), 'record', '--store', store, '--interval', String(command.intervalMs / 1000), '--max-size', `${Math.round(command.maxBytes / 2 ** 20)}M`, '--max-age', `${Math.round(command.maxAgeMs / 3_600_000)}h`,
    '--alert-horizon', `${command.alertHorizonMs / 1000}s`, '--alert-hold', `${command.alertHoldMs / 1000}s`, ...(command.alertCommand ? ['--alert-command', command.alertCommand.join(' ')] : [])];
  return [
    '[Unit]',
    'Description=sitrep flight recorder (bounded history of disks, writers, journal and network)',
    'After=systemd-journald.service',
    '',
    '[Service]',
    `ExecStart=${exec.map(quote).join(' ')}`,
    'Restart=on-failure',
    'RestartSec=5',
    'Nice=10',
    'IOSchedulingClass=idle',
    'MemoryMax=256M',
    'CPUQuota=20%',
    'ProtectSystem=strict',
    'ProtectHome=read-only',
    'PrivateTmp=yes',
    'NoNewPrivileges=yes',
    `ReadWritePaths=${quote(store)}`,
    ...SANDBOX,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

function hasSystemd(): string | null {
  let comm = '';
  try {
    comm = readFileSync('/proc/1/comm', 'utf8').trim();
  } catch {
    // unreadable: say so below
  }
  if (comm !== 'systemd') return `no systemd: PID 1 is ${comm || 'unknown'}`;
  return spawnSync('systemctl', ['--version'], { stdio: 'ignore' }).status === 0 ? null : 'no systemctl in PATH';
}

const systemctl = (...args: string[]) => spawnSync('systemctl', ['--no-pager', '--no-ask-password', ...args], { encoding: 'utf8', timeout: 30_000 });

/** Runs the admin command; prints what happened in sentences. */
export function runRecorderAdmin(command: Admin): number {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const store = command.store ?? defaultStore();
  const noSystemd = hasSystemd();
  if (command.action === 'install') {
    const exe = executablePath();
    const node = realpathSync(process.execPath);
    const bundle = exe ? null : realpathSync(process.argv[1] ?? '');
    const unit = recorderUnit(command, node, bundle);
    // Refused before anything is printed or written: a unit that runs another user's file gives them root.
    const unsafe = rootExecRefusal(node, exe ? 'the executable' : 'node') ?? (bundle === null ? null : rootExecRefusal(bundle, 'the bundle'));
    if (unsafe) return (process.stderr.write(`sitrep: ${sanitize(unsafe, 400)}\n`), 1);
    if (noSystemd) {
      out(unit);
      out(`# ${noSystemd}: not installed. Run the ExecStart line above under your init system, or as root: sitrep record --store ${store}`);
      return 1;
    }
    if ((process.getuid?.() ?? 0) !== 0) return (process.stderr.write('sitrep: permission denied: run as root (sudo)\n'), 1);
    // The sandbox makes everything but the store read-only: the store must exist before the unit starts.
    const refused = storeRefusal(store, true);
    if (refused) return (process.stderr.write(`sitrep: ${refused}\n`), 1);
    const temp = `${UNIT_PATH}.${process.pid}.tmp`;
    writeFileSync(temp, unit, { mode: 0o644, flag: 'wx' });
    renameSync(temp, UNIT_PATH);
    for (const args of [['daemon-reload'], ['enable', '--now', UNIT_NAME]]) {
      const r = systemctl(...args);
      if (r.status !== 0) return (process.stderr.write(`sitrep: systemctl ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}\n`), 1);
    }
    out(`installed ${UNIT_PATH} and started it: recording to ${store}`);
    return 0;
  }
  if (command.action === 'uninstall') {
    if (noSystemd) return (out(`${noSystemd}: there is no unit to remove`), 1);
    systemctl('disable', '--now', UNIT_NAME);
    if (lstatSync(UNIT_PATH, { throwIfNoEntry: false })) unlinkSync(UNIT_PATH);
    systemctl('daemon-reload');
    out(`removed ${UNIT_PATH}; the data in ${store} is left in place`);
    return 0;
  }
  return status(store, noSystemd, out);
}

function status(store: string, noSystemd: string | null, out: (text: string) => void): number {
  if (noSystemd) out(`service: ${noSystemd}`);
  else {
    const show = systemctl('show', '-p', 'ActiveState,SubState,MainPID,LoadState', UNIT_NAME).stdout;
    const prop = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(show)?.[1] ?? '?';
    out(`service: ${UNIT_NAME} ${prop('LoadState')}, ${prop('ActiveState')} (${prop('SubState')}), main pid ${prop('MainPID')}`);
  }
  const listing = listStore(store);
  const first = listing.segments[0];
  const last = listing.segments.at(-1);
  const newest = last ? lstatSync(last.path, { throwIfNoEntry: false })?.mtimeMs ?? last.start : null;
  out(`store: ${store}: ${listing.segments.length} segments, ${(listing.bytes / 2 ** 20).toFixed(1)} MiB${first ? `, oldest ${formatTime(first.start)}, newest ${formatTime(newest ?? first.start)}` : ', no data yet'}`);
  for (const note of listing.refused) out(`store: ${note}`);
  try {
    const s = statfsSync(store);
    const size = s.blocks * s.bsize;
    out(`free space: ${(s.bavail * s.bsize / 2 ** 30).toFixed(2)} GiB available; the recorder stops at ${(floorOf(size) / 2 ** 20).toFixed(0)} MiB`);
  } catch {
    out(`free space: ${store} cannot be read`);
  }
  return 0;
}
