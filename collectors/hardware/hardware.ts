/**
 * Host hardware facts for the `i` overlay and a snapshot's `host.hardware`:
 * systeminformation for the CPU, memory layout, block devices and interfaces,
 * loaded only when asked (start-up and the 1 Hz path never pay for it), and
 * `smartctl -H` and `systemd-detect-virt` run from argv arrays with a timeout.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import type { BlockDevice, HardwareFacts, HardwareMessage } from '../../src/stream/messages.js';

const TIMEOUT_MS = 5000;

type SystemInformation = typeof import('systeminformation');
/** The bundle carries systeminformation as text (src/build/bundle.mjs): parsed only here, so start-up never pays for its 330 KB. */
declare const __SITREP_SI__: string | undefined;

/** systeminformation, evaluated on first use. */
async function loadSystemInformation(): Promise<SystemInformation> {
  if (typeof __SITREP_SI__ !== 'string') return (await import('systeminformation')).default;
  const module = { exports: {} as SystemInformation };
  // In the bundle this code is evaluated from text (src/app/load-modes.ts), which cannot locate itself: the bundle publishes its require.
  const bundleRequire = (globalThis as { __sitrepRequire?: NodeJS.Require }).__sitrepRequire ?? createRequire(import.meta.url);
  new Function('module', 'exports', 'require', __SITREP_SI__)(module, module.exports, bundleRequire);
  return module.exports;
}

/** Where a tool lives, or null: looked up in the usual sbin and bin directories, not through a shell. */
export function findTool(name: string, dirs = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin']): string | null {
  for (const dir of dirs) {
    try {
      accessSync(`${dir}/${name}`, constants.X_OK);
      return `${dir}/${name}`;
    } catch {
      // not here
    }
  }
  return null;
}

/** Process groups of the tools still running (at most one per disk and one detect-virt): killed at exit. */
const running = new Set<number>();
let exitHooked = false;

/** Kills a tool's whole process group: a tool that ignores SIGTERM, or a child of it holding its stdout, must not outlive its deadline or sitrep. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  running.delete(pid);
}

/** Kills every tool still running, with its process group (the console's end, whatever ended it). */
export function killHardwareTools(): void {
  [...running].forEach(killGroup);
}

/**
 * Runs `argv` (no shell) in its own process group and resolves with its
 * stdout, whatever its exit code; null when it could not run or did not end
 * within TIMEOUT_MS (then the whole group is killed with SIGKILL, as it is
 * when sitrep exits).
 */
function run(argv: readonly string[]): Promise<string | null> {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', killHardwareTools);
  }
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    } catch {
      return resolve(null);
    }
    const pid = child.pid;
    if (pid === undefined) {
      child.on('error', () => resolve(null));
      return;
    }
    running.add(pid);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (out: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      killGroup(pid); // anything it left behind in its group goes too
      resolve(out);
    };
    const timer = setTimeout(() => finish(null), TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1 << 20) return finish(null);
      chunks.push(chunk);
    });
    child.on('error', () => finish(null));
    child.on('close', () => finish(size > 0 ? Buffer.concat(chunks).toString('utf8') : null));
  });
}

/** smartctl's verdict from its `-H -j` JSON: passed, FAILED, or why there is none. */
export function smartVerdict(json: string | null): string {
  if (json === null) return 'smartctl did not answer';
  try {
    const out = JSON.parse(json) as { smart_status?: { passed?: boolean }; smartctl?: { messages?: { string?: string }[] } };
    if (out.smart_status?.passed === true) return 'passed';
    if (out.smart_status?.passed === false) return 'FAILED';
    const why = out.smartctl?.messages?.[0]?.string ?? 'no SMART health';
    return why.slice(0, 200);
  } catch {
    return 'unreadable smartctl output';
  }
}

/** SMART health of each disk, or one reason for all when smartctl is missing. */
async function smartOf(names: readonly string[], problems: string[]): Promise<Map<string, string>> {
  const tool = findTool('smartctl');
  if (!tool) {
    problems.push('smartctl not installed (smartmontools): no SMART health');
    return new Map(names.map((n) => [n, 'no smartctl']));
  }
  const verdicts = await Promise.all(names.map((n) => run([tool, '-H', '-j', `/dev/${n}`]).then(smartVerdict)));
  return new Map(names.map((n, i) => [n, verdicts[i]!]));
}

/** Reads the facts; every part that fails is named in `problems`, never thrown. */
export async function readHardware(now = Date.now): Promise<HardwareMessage> {
  let si: SystemInformation;
  try {
    si = await loadSystemInformation();
  } catch (error) {
    return { kind: 'hardware', t: now(), facts: null, error: `systeminformation could not load: ${(error as Error).message}`.slice(0, 300) };
  }
  const problems: string[] = [];
  const settle = <T>(what: string, p: Promise<T>, fallback: T): Promise<T> =>
    p.catch((error: unknown) => (problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300)), fallback));
  const detectVirt = findTool('systemd-detect-virt');
  const [cpu, system, mem, layout, blocks, disks, nets, virt] = await Promise.all([
    settle('cpu', si.cpu(), null),
    settle('system', si.system(), null),
    settle('memory', si.mem(), null),
    settle('memory layout', si.memLayout(), []),
    settle('block devices', si.blockDevices(), []),
    settle('disk layout', si.diskLayout(), []),
    settle('interfaces', si.networkInterfaces(), []),
    detectVirt ? run([detectVirt]) : Promise.resolve(null),
  ]);
  const whole = blocks.filter((b) => b.type === 'disk' && b.size > 0);
  const smart = await smartOf(whole.map((b) => b.name), problems);
  const diskOf = (device: string) => disks.find((d) => d.device === device);
  const facts: HardwareFacts = {
    cpuModel: cpu ? `${cpu.manufacturer} ${cpu.brand}`.trim() : '',
    cpuThreads: cpu?.cores ?? 0,
    cpuCores: cpu?.physicalCores ?? 0,
    virtualization: virt?.trim() || (system?.virtual ? system.virtualHost || 'virtual' : ''),
    system: system ? `${system.manufacturer} ${system.model}`.trim() : '',
    memoryBytes: mem?.total ?? 0,
    memory: layout.map((m) => ({ sizeBytes: m.size, type: m.type, clockMHz: m.clockSpeed ?? 0, bank: m.bank })),
    disks: whole.map((b): BlockDevice => ({
      name: b.name,
      model: b.model || diskOf(b.device ?? '')?.name || '',
      sizeBytes: b.size,
      rotational: b.physical === 'HDD' ? true : b.physical === 'SSD' || b.physical === 'NVMe' ? false : null,
      transport: b.protocol || diskOf(b.device ?? '')?.interfaceType || '',
      smart: smart.get(b.name) ?? '',
    })),
    interfaces: (Array.isArray(nets) ? nets : [nets]).map((n) => ({
      name: n.iface,
      speedMbps: typeof n.speed === 'number' && n.speed > 0 ? n.speed : null,
      state: n.operstate,
      mac: n.mac,
      addresses: [n.ip4, n.ip6].filter((a) => a),
      virtual: n.virtual || n.internal,
    })),
    problems,
  };
  return { kind: 'hardware', t: now(), facts, error: null };
}
