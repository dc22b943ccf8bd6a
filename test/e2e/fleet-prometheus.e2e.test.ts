/**
 * `sitrep fleet --prometheus` for real (issue 34): a real prometheus scrapes
 * three real node_exporters, each inside its own "host" (network, mount and
 * UTS namespaces of the SSH lab, with its own loop ext4 that only it sees)
 * and each reading its own textfile directory, refreshed on a timer by
 * `sitrep snapshot --textfile` run inside that host. One disk fills: the
 * fleet ranks it first with its writer; Enter opens `sitrep ssh` to it over
 * the lab's sshd, Esc comes back; Prometheus stopped: "unreachable", the last
 * table kept and marked stale.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { canRunSshLab, makeSshLab, waitForSshd, type SshLab } from '../support/ssh-hosts.js';
import { freePort, hasPrometheus, TestPrometheus } from '../support/prometheus.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const ready = requireOrSkip(canRunSshLab() && hasPrometheus() && hasTmux() && existsSync(SITREP), 'needs root, the SSH lab, prometheus, node_exporter, tmux and dist/');
const cleanups: Array<() => void | Promise<void>> = [];
afterAll(async () => {
  for (const f of cleanups.splice(0).reverse()) {
    try {
      await f();
    } catch {
      // the rest still runs
    }
  }
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const shellWords = (words: readonly string[]) => words.map((w) => `'${w}'`).join(' ');
const MiB = 2 ** 20;
const SCRAPE_S = 1;

/** Runs argv inside host `i` (its network, mount and UTS namespaces) as a child process. */
function inHost(lab: SshLab, i: number, argv: readonly string[]): ChildProcess {
  const child = spawn('nsenter', ['-t', String(lab.hosts[i]!.sshd.pid), '-m', '-n', '-u', ...argv], { stdio: 'ignore' });
  cleanups.push(() => void child.kill('SIGKILL'));
  return child;
}

type Row = { instance: string; state: string; mount: string | null; secondsToFull: number | null; topWriter: string | null; sshTarget: string | null; scrapeAgeSeconds: number | null; cpu: number | null; load1: number | null; memAvailableBytes: number | null };
type Table = { prometheus: { reachable: boolean; error: string | null; bytes: number }; hosts: Row[] };

describe.runIf(ready)('fleet from Prometheus', () => {
  let lab: SshLab;
  let prom: TestPrometheus;
  const root = join(TEST_ROOT, `fleet-prom-${process.pid}`);
  let timerOn = true;
  const textDir = (i: number) => join(root, `textfile-${i}`);
  const instance = (i: number) => `${lab.hosts[i]!.address}:9100`;
  const table = (args: string[] = []): Table => JSON.parse(execFileSync(process.execPath, [SITREP, 'fleet', '--json', '--prometheus', prom.url, ...args], { encoding: 'utf8', timeout: 20_000 }).toString()) as Table;

  beforeAll(async () => {
    mkdirSync(root, { recursive: true });
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    lab = makeSshLab('prom', 3, 128);
    cleanups.push(() => lab.close());
    await waitForSshd(lab);
    for (let i = 0; i < 3; i++) {
      mkdirSync(textDir(i), { recursive: true });
      inHost(lab, i, ['prometheus-node-exporter', `--web.listen-address=${instance(i)}`, `--collector.textfile.directory=${textDir(i)}`, '--log.level=warn']);
      // The timer: a fresh textfile every ~2 s, written from inside the host (it sees only its own disk).
      void (async () => {
        while (timerOn) {
          const c = inHost(lab, i, [process.execPath, SITREP, 'snapshot', '--format', 'openmetrics', '--duration', '2', '--interval', '0.5', '--textfile', textDir(i)]);
          await new Promise((r) => c.once('exit', r));
        }
      })();
    }
    cleanups.push(() => void (timerOn = false));
    const port = await freePort();
    prom = new TestPrometheus(join(root, 'prom'), port, `  - job_name: node\n    static_configs:\n      - targets: [${[0, 1, 2].map((i) => `'${instance(i)}'`).join(', ')}]\n`, SCRAPE_S);
    cleanups.push(() => prom.remove());
    cleanups.push(() => prom.stop());
    const deadline = Date.now() + 30_000;
    while (!(await prom.ready()) && Date.now() < deadline) await sleep(200);
    // All three up and carrying sitrep's metrics.
    let t: Table | null = null;
    while (Date.now() < deadline + 30_000) {
      t = table();
      if (t.hosts.length === 3 && t.hosts.every((h) => h.state === 'up' && h.mount !== null && h.cpu !== null)) break;
      await sleep(500);
    }
    expect(t?.hosts.map((h) => h.state)).toEqual(['up', 'up', 'up']);
  }, 120_000);

  it('the filling host is ranked first within two scrape intervals of its textfile, with its writer; snapshot --json --fleet prints the same table', async () => {
    const file = join(lab.hosts[1]!.mountPoint, 'fill');
    inHost(lab, 1, [process.execPath, WRITER, file, String(1 * MiB)]);
    // When the host's textfile first says its disk fills…
    const prom1 = join(textDir(1), 'sitrep.prom');
    let filling = 0;
    while (!filling) {
      const text = existsSync(prom1) ? readFileSync(prom1, 'utf8') : '';
      const m = /^sitrep_filesystem_seconds_to_full\{mountpoint="([^"]*data-1)".*\} (\S+)$/m.exec(text);
      if (m && m[2] !== '+Inf') filling = Date.now();
      else await sleep(50);
    }
    // …the fleet ranks it first within two scrape intervals (plus the cost of starting sitrep for each poll).
    let first: Table | null = null;
    let rankedAt = 0;
    while (Date.now() - filling < 20_000) {
      const t = table();
      if (t.hosts[0]?.instance === instance(1) && t.hosts[0].secondsToFull !== null) {
        first = t;
        rankedAt = Date.now();
        break;
      }
    }
    expect(first, 'ranked first').not.toBeNull();
    const lag = (rankedAt - filling) / 1000;
    console.log(`fleet --prometheus: ranked first ${lag.toFixed(1)} s after the textfile said it fills (scrape ${SCRAPE_S} s)`);
    expect(lag).toBeLessThan(2 * SCRAPE_S + 3);
    const row = first!.hosts[0]!;
    expect(row.mount).toMatch(/data-1$/);
    expect(row.sshTarget).toBe(lab.hosts[1]!.address);
    // The writer is the one sitrep's textfile names on that host.
    const group = /^sitrep_writer_write_bytes_per_second\{group="([^"]+)"/m.exec(readFileSync(prom1, 'utf8'))?.[1];
    expect(row.topWriter).not.toBeNull();
    expect(row.topWriter).toBe(group);
    expect(row.memAvailableBytes).toBeGreaterThan(0);
    const snap = JSON.parse(execFileSync(process.execPath, [SITREP, 'snapshot', '--json', '--fleet', '--prometheus', prom.url], { encoding: 'utf8' })) as Table;
    expect(snap.hosts.map((h) => h.instance)).toEqual(first!.hosts.map((h) => h.instance));
    expect(snap.prometheus.reachable).toBe(true);
  }, 60_000);

  it('Enter opens sitrep ssh to it, Esc comes back; Prometheus stopped: unreachable, the last table kept and marked stale', async () => {
    const t = new TmuxSession('fleet-prom', 170, 30, `node ${SITREP} fleet --prometheus ${prom.url} --interval 1 -- ${shellWords(lab.sshOptions)}; echo EXIT=$?; sleep 60`);
    cleanups.push(() => t.kill());
    const rowOf = (s: string, i: number) => s.split('\n').find((l) => l.includes(instance(i))) ?? '';
    const shown = await t.waitFor((s) => / up /.test(rowOf(s, 1)) && /data-1/.test(rowOf(s, 1)) && /Prometheus http/.test(s), 30_000, 'the table with host 1 filling');
    expect(shown.indexOf(instance(1))).toBeLessThan(shown.indexOf(instance(0)));
    expect(shown.indexOf(instance(1))).toBeLessThan(shown.indexOf(instance(2)));
    t.send('Enter');
    await t.waitFor((s) => s.includes(`SSH ${lab.hosts[1]!.address}`) && s.includes('╭─ Disks'), 30_000, 'the console over ssh');
    t.send('Escape');
    await t.waitFor((s) => s.includes('Fleet · 3 hosts') && / up /.test(rowOf(s, 1)), 15_000, 'back to the fleet');
    await prom.stop();
    const stale = await t.waitFor((s) => /unreachable/.test(s) && /STALE/.test(rowOf(s, 1)), 15_000, 'unreachable, rows stale');
    expect(rowOf(stale, 1)).toMatch(/data-1/);
    expect(rowOf(stale, 0)).toMatch(/STALE/);
    const t2 = (() => {
      try {
        return table();
      } catch (e) {
        return JSON.parse((e as { stdout: string }).stdout) as Table;
      }
    })();
    expect(t2.prometheus).toMatchObject({ reachable: false, error: 'ECONNREFUSED' });
    t.send('q');
    await t.waitFor((s) => s.includes('EXIT=0'), 10_000, 'the fleet to end');
  }, 120_000);
});
