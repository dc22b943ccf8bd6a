// npm run bench:memory: the Memory pane's cost (issue 31). Idle sitrep at a
// 1 s interval, 120x40 tmux panes side by side: with the Memory pane focused
// (drawn every second, its counters read and fitted), and with it read but
// not drawn (a quiet first screen), against --no-memory (no memory detail read). CPU % of one core over
// BENCH_SECONDS after a 5 s warm-up, medians of BENCH_RUNS runs. Not a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { median } from './proc-stats.mjs';
import { sideBySide } from './side-by-side.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SITREP = resolve('dist/sitrep.mjs');
const READY = / \d+ \S+ +[A-Za-z] +[\d.]+ +[\d.]+[BKMGT]/;
const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-memory-'));
const programs = [
  { name: 'sitrep, Memory pane on (focused, drawn)', command: `node ${SITREP} --interval 1`, ready: READY },
  { name: 'sitrep --no-memory', command: `node ${SITREP} --interval 1 --no-memory`, ready: READY },
  { name: 'sitrep, memory read, pane not drawn (quiet first screen)', command: `node ${SITREP} --interval 1`, ready: READY },
];
const all = [];
const urgent = [];
try {
  for (let r = 0; r < RUNS; r++) {
    process.stderr.write(`memory: run ${r + 1}/${RUNS} (${SECONDS + 5} s)\n`);
    // the order alternates so that neither is always started first
    const order = [[0, 1, 2], [1, 2, 0], [2, 0, 1]][r % 3];
    const { rows } = await sideBySide(order.map((i) => programs[i]), {
      work, tag: `mem${r}`, seconds: SECONDS, warmupMs: 5000,
      during: async (running) => {
        const on = running.find((x) => x.program === programs[0]);
        spawnSync('tmux', ['-L', on.socket, 'send-keys', '-t', 'b', '6']);
        // whether memory was urgent on this shared machine (someone's memory test): the third draws Memory then
        await new Promise((r) => setTimeout(r, SECONDS * 500));
        const quiet = running.find((x) => x.program === programs[2]);
        urgent.push(spawnSync('tmux', ['-L', quiet.socket, 'capture-pane', '-p', '-t', 'b'], { encoding: 'utf8' }).stdout.includes('╭─ Memory'));
      },
    });
    const run = order.map((i, k) => [i, rows[k]]).sort((a, b) => a[0] - b[0]).map(([, row]) => row);
    all.push(run);
    // each run's figures too: the machine is shared, the medians hide how much they vary
    process.stderr.write(`  ${urgent.at(-1) ? 'memory URGENT (drawn by all but --no-memory)' : 'memory quiet'}: on ${run[0].cpuPercent.toFixed(2)}  off ${run[1].cpuPercent.toFixed(2)}  not drawn ${run[2].cpuPercent.toFixed(2)}  on/off ${(run[0].cpuPercent / run[1].cpuPercent).toFixed(3)}x\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const pick = (i, k) => median(all.map((run) => run[i][k]));
const on = pick(0, 'cpuPercent');
const off = pick(1, 'cpuPercent');
console.log(`## Memory pane cost (${RUNS} runs of ${SECONDS} s, 1 s interval, 120x40)`);
console.log('| sitrep | CPU % of a core | RSS MiB |\n| --- | --- | --- |');
programs.forEach((p, i) => console.log(`| ${p.name} | ${pick(i, 'cpuPercent').toFixed(2)} | ${pick(i, 'rssMiB').toFixed(1)} |`));
console.log(`| on / off | ${(on / off).toFixed(3)}x (runs: ${all.map((r) => (r[0].cpuPercent / r[1].cpuPercent).toFixed(3)).join(', ')}) | |`);
console.log(`| read, not drawn / off | ${(pick(2, 'cpuPercent') / off).toFixed(3)}x | |`);
