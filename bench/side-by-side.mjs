// Runs programs side by side, each in its own 120x40 tmux pane, and measures
// them over the same window: CPU (% of one core, the process and its
// children), RSS, terminal bytes/s (tmux pipe-pane) and the time to the first
// frame that matches `ready`. Used by bench/run.mjs. Not a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { descendants, procCpuTicks, rssBytes } from './proc-stats.mjs';

const tmux = (socket, ...args) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' }).stdout ?? '';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const family = (pid) => [pid, ...descendants(pid)];
const bytes = (file) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** Starts `program` ({ name, command, ready }) in a fresh tmux server; resolves once its first frame matches `ready`. */
export async function startInPane(program, work, tag) {
  const socket = `sitrep-bench-${process.pid}-${tag}`;
  const out = join(work, `${tag}.out`);
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'b', '-x', '120', '-y', '40', 'sleep 600']);
  tmux(socket, 'pipe-pane', '-o', '-t', 'b', `cat > ${out}`);
  await sleep(200);
  const t0 = performance.now();
  tmux(socket, 'respawn-pane', '-k', '-t', 'b', program.command);
  let firstFrameMs = null;
  while (performance.now() - t0 < 10_000) {
    if (program.ready.test(tmux(socket, 'capture-pane', '-p', '-t', 'b'))) {
      firstFrameMs = performance.now() - t0;
      break;
    }
    await sleep(2);
  }
  const pid = Number(tmux(socket, 'display-message', '-p', '-t', 'b', '#{pane_pid}').trim());
  return { program, socket, out, pid, firstFrameMs, stop: () => tmux(socket, 'kill-server') };
}

/** One side-by-side run: starts each program in turn, waits `warmupMs`, then measures for `seconds`. */
export async function sideBySide(programs, { work, tag, seconds, warmupMs, during }) {
  const running = [];
  for (const [i, p] of programs.entries()) running.push(await startInPane(p, work, `${tag}-${i}`));
  await sleep(warmupMs);
  const mark = () => running.map((r) => ({ ticks: procCpuTicks(family(r.pid)), bytes: bytes(r.out), t: performance.now() }));
  const before = mark();
  const extra = during ? during(running) : Promise.resolve(null);
  await sleep(seconds * 1000);
  const rows = running.map((r, i) => {
    const s = (performance.now() - before[i].t) / 1000;
    return {
      name: r.program.name,
      cpuPercent: ((procCpuTicks(family(r.pid)) - before[i].ticks) / 100 / s) * 100,
      rssMiB: rssBytes(family(r.pid)) / 1048576,
      bytesPerSecond: (bytes(r.out) - before[i].bytes) / s,
      firstFrameMs: r.firstFrameMs,
    };
  });
  const extraResult = await extra;
  for (const r of running) r.stop();
  return { rows, extra: extraResult };
}

/** The pane's title in focus (sitrep draws it bold bright cyan), or null. */
export const focusedPane = (capture) => /\x1b\[1m\x1b\[96m (\w+)/.exec(capture.split('\n').find((l) => l.includes('╭─') && /\x1b\[1m\x1b\[96m /.test(l)) ?? '')?.[1] ?? null;

/** Sends `key`, then the time until the pane shows what `until(capture)` waits for (ms); by default, any change. */
export async function keyToScreen(running, key = 'Tab', until = null) {
  const before = tmux(running.socket, 'capture-pane', '-e', '-p', '-t', 'b');
  const done = until ?? ((capture) => capture !== before);
  const t0 = performance.now();
  tmux(running.socket, 'send-keys', '-t', 'b', key);
  while (performance.now() - t0 < 5000) {
    if (done(tmux(running.socket, 'capture-pane', '-e', '-p', '-t', 'b'))) return performance.now() - t0;
    await sleep(2);
  }
  return 5000;
}
