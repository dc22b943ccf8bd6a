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

/** Where the unit goes. */
export const UNIT_NAME = 'sitrep-recorder.service';
const UNIT_PATH = `/etc/systemd/system/${UNIT_NAME}`;

type Admin = Extract<StoreCommand, { kind: 'recorder-admin' }>;

/** systemd's quoting of one ExecStart word. */
const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `"${word.replace(/["\\]/g, '\\$&')}"`);

/** The unit file for `command`, started by `node` running `bundle`. */
export function recorderUnit(command: Admin, node: string, bundle: string): string {
  const store = command.store ?? defaultStore();
  const exec = [node, bundle, 'record', '--store', store, '--interval', String(command.intervalMs / 1000), '--max-size', `${Math.round(command.maxBytes / 2 ** 20)}M`, '--max-age', `${Math.round(command.maxAgeMs / 3_600_000)}h`,
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
    const unit = recorderUnit(command, process.execPath, realpathSync(process.argv[1] ?? ''));
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
