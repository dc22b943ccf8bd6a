// npm run bench:fleet-prom (issue 34): `sitrep fleet --prometheus` against a
// real Prometheus holding 1,000 synthetic hosts. Each host is one scrape
// target (file_sd: 1,000 targets, each with its own `instance` label and
// metrics path) served by a small HTTP server on loopback, which answers each
// path with node_exporter-like metrics (CPU counters, load, memory,
// filesystems, some filling) followed by that host's generated sitrep textfile
// (written to disk first, as node_exporter's textfile collector would read it).
// Reports, per refresh: the wall time (request + join), the bytes fetched, and
// for a whole `fleet --json` run the CPU and max RSS; then the steady screen's
// CPU (% of a core) and RSS over 30 s at one refresh every 5 s.
// Needs prometheus, tmux and /usr/bin/time. Not a test.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';

const HOSTS = Number(process.env.FLEET_HOSTS ?? 1000);
const SCRAPE_S = Number(process.env.FLEET_SCRAPE ?? 10);
const SITREP = resolve('dist/sitrep.mjs');
const dir = resolve(`/srv/sitrep-test/bench-fleet-prom-${process.pid}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (t) => process.stderr.write(`${t}\n`);
const started = Date.now() / 1000;

// Generated sitrep textfiles, one per host (what `snapshot --textfile` writes).
mkdirSync(join(dir, 'textfiles'), { recursive: true });
const hosts = Array.from({ length: HOSTS }, (_, i) => {
  const filling = i % 37 === 0;
  const ttf = filling ? 600 + i * 7 : Infinity;
  const text = [
    '# TYPE sitrep_info gauge', `sitrep_info{host="host-${i}",schema="1"} 1`,
    '# TYPE sitrep_report_timestamp_seconds gauge', `sitrep_report_timestamp_seconds ${started}`,
    '# TYPE sitrep_filesystem_seconds_to_full gauge',
    ...['/', '/var', '/srv/data'].map((m, k) => `sitrep_filesystem_seconds_to_full{mountpoint="${m}",device="/dev/sda${k + 1}",fstype="ext4"} ${k === 2 ? (ttf === Infinity ? '+Inf' : ttf) : '+Inf'}`),
    '# TYPE sitrep_filesystem_fill_rate_bytes_per_second gauge',
    ...['/', '/var', '/srv/data'].map((m, k) => `sitrep_filesystem_fill_rate_bytes_per_second{mountpoint="${m}",device="/dev/sda${k + 1}",fstype="ext4"} ${k === 2 && filling ? 1048576 : 0}`),
    '# TYPE sitrep_filesystem_used_ratio gauge',
    ...['/', '/var', '/srv/data'].map((m, k) => `sitrep_filesystem_used_ratio{mountpoint="${m}",device="/dev/sda${k + 1}",fstype="ext4"} ${((i * 13 + k * 29) % 90) / 100}`),
    '# TYPE sitrep_writer_write_bytes_per_second gauge',
    ...Array.from({ length: 5 }, (_, w) => `sitrep_writer_write_bytes_per_second{group="unit-${w}.service",kind="unit"} ${(filling && w === 0 ? 1048576 : 1000) / (w + 1)}`),
    '# TYPE sitrep_unit_crashes_recent gauge', ...(i % 101 === 0 ? ['sitrep_unit_crashes_recent{unit="worker.service"} 4'] : []),
    '# TYPE sitrep_journal_volatile gauge', `sitrep_journal_volatile ${i % 50 === 0 ? 1 : 0}`,
    '',
  ].join('\n');
  const file = join(dir, 'textfiles', `host-${i}.prom`);
  writeFileSync(file, text);
  return { filling, file };
});

/** node_exporter-like metrics for host i at time t, then its textfile as written. */
function metrics(i) {
  const t = Date.now() / 1000 - started;
  const lines = ['# TYPE node_cpu_seconds_total counter'];
  for (let c = 0; c < 4; c++) for (const [mode, share] of [['idle', 0.7], ['user', 0.2], ['system', 0.1]]) lines.push(`node_cpu_seconds_total{cpu="${c}",mode="${mode}"} ${(1e5 + t * share).toFixed(2)}`);
  lines.push('# TYPE node_load1 gauge', `node_load1 ${(i % 8) / 2}`, '# TYPE node_memory_MemAvailable_bytes gauge', `node_memory_MemAvailable_bytes ${2 ** 30 + i * 1e6}`);
  for (const [k, m] of ['/', '/var', '/srv/data'].entries()) {
    const avail = 50 * 2 ** 30 - (k === 2 && hosts[i].filling ? t * 2 ** 20 : 0);
    const labels = `device="/dev/sda${k + 1}",fstype="ext4",mountpoint="${m}"`;
    lines.push(`node_filesystem_avail_bytes{${labels}} ${avail}`, `node_filesystem_free_bytes{${labels}} ${avail + 2 ** 30}`, `node_filesystem_size_bytes{${labels}} ${100 * 2 ** 30}`);
  }
  return `${lines.join('\n')}\n${readFileSync(hosts[i].file, 'utf8')}`;
}

if (process.env.FLEET_DUMP) {
  process.stdout.write(metrics(Number(process.env.FLEET_DUMP)));
  process.exit(0);
}
const server = createServer((req, res) => {
  const m = /^\/host\/(\d+)\/metrics/.exec(req.url ?? '');
  if (!m || Number(m[1]) >= HOSTS) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(metrics(Number(m[1])));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const serverPort = server.address().port;
writeFileSync(join(dir, 'targets.json'), JSON.stringify(hosts.map((_, i) => ({ targets: [`127.0.0.1:${serverPort}`], labels: { instance: `host-${i}:9100`, __metrics_path__: `/host/${i}/metrics` } }))));
const promPort = 19090 + (process.pid % 500);
writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: ${SCRAPE_S}s\n  scrape_timeout: ${SCRAPE_S}s\nscrape_configs:\n  - job_name: node\n    file_sd_configs:\n      - files: ['${join(dir, 'targets.json')}']\n`);
const prom = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=warn'], { stdio: 'ignore' });
const url = `http://127.0.0.1:${promPort}`;
// Asynchronous: a spawnSync would block this process's HTTP server, and the scrapes would time out meanwhile.
const fleet = () => new Promise((resolve, reject) => {
  execFile('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, SITREP, 'fleet', '--json', '--prometheus', url], { encoding: 'utf8', maxBuffer: 1 << 28 }, (error, stdout, stderr) => {
    if (error && !stdout) return reject(error);
    const [wall, user, sys, rssKiB] = stderr.trim().split('\n').pop().split(' ').map(Number);
    resolve({ json: JSON.parse(stdout), wall, cpu: user + sys, rss: rssKiB / 1024 });
  });
});
const ticks = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
try {
  // Every host scraped at least three times (rate() over 1 min needs two).
  const deadline = Date.now() + 300_000;
  let up = 0;
  while (Date.now() < deadline) {
    await sleep(2000);
    try {
      const r = await (await fetch(`${url}/api/v1/query?query=${encodeURIComponent('count(count_over_time(up[1m]) >= 3)')}`)).json();
      up = Number(r.data?.result?.[0]?.value?.[1] ?? 0);
    } catch { up = 0; }
    say(`hosts scraped 3 times: ${up}`);
    if (up >= HOSTS) break;
  }
  // rate() over 1 min is low until a minute of samples is in: wait for it, and for the first table ranked.
  const settle = Date.now();
  while (Date.now() - settle < 60_000 + 2 * SCRAPE_S * 1000) {
    await sleep(5000);
    const top = (await fleet()).json.hosts[0];
    say(`warming up: top ${top?.instance} ttf ${top?.secondsToFull} cpu ${top?.cpu}`);
  }
  const runs = [];
  for (let k = 0; k < 5; k++) runs.push(await fleet());
  const last = runs.at(-1).json;
  const rows = last.hosts;
  const fillingCount = hosts.filter((h) => h.filling).length;
  const fillingFirst = rows.slice(0, fillingCount).every((r) => r.secondsToFull !== null && Number(/host-(\d+)/.exec(r.instance)[1]) % 37 === 0);
  if (!fillingFirst) say(`first rows: ${JSON.stringify(rows.slice(0, fillingCount + 2).map((r) => [r.instance, r.secondsToFull, r.crashes10m, r.cpu]))}`);
  // The screen: one refresh every 5 s for 30 s.
  spawnSync('tmux', ['-L', 'sitrep-bench-prom', 'new-session', '-d', '-x', '200', '-y', '60', `node ${SITREP} fleet --prometheus ${url} --interval 5`]);
  await sleep(8000);
  const pane = Number(execFileSync('tmux', ['-L', 'sitrep-bench-prom', 'display', '-p', '#{pane_pid}'], { encoding: 'utf8' }).trim());
  const t0 = ticks(pane);
  const w0 = performance.now();
  await sleep(30_000);
  const screenCpu = ((ticks(pane) - t0) / 100 / ((performance.now() - w0) / 1000)) * 100;
  const screenRss = rssMiB(pane);
  const states = { up: 0, stale: 0, down: 0 };
  for (const r of rows) states[r.state] += 1;
  const shown = execFileSync('tmux', ['-L', 'sitrep-bench-prom', 'capture-pane', '-p'], { encoding: 'utf8' }).split('\n').slice(0, 3).join(' | ');
  spawnSync('tmux', ['-L', 'sitrep-bench-prom', 'kill-server']);
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`| fleet --prometheus, ${rows.length} hosts (scrape ${SCRAPE_S} s; median of ${runs.length}) | value |\n|---|---|`);
  console.log(`| requests per refresh | 1 (one instant query) |`);
  console.log(`| refresh: request + answer + join (ms) | ${med(runs.map((r) => r.json.prometheus.ms))} |`);
  console.log(`| bytes fetched per refresh | ${med(runs.map((r) => r.json.prometheus.bytes))} |`);
  console.log(`| whole \`fleet --json\` run: wall s / CPU s / max RSS MiB | ${med(runs.map((r) => r.wall))} / ${med(runs.map((r) => r.cpu)).toFixed(2)} / ${med(runs.map((r) => r.rss)).toFixed(1)} |`);
  console.log(`| screen, refresh every 5 s: CPU % of a core / RSS MiB | ${screenCpu.toFixed(2)} / ${screenRss.toFixed(1)} |`);
  console.log(`| filling hosts ranked first (${fillingCount}) | ${fillingFirst} |`);
  console.log(`| hosts up / stale / down | ${states.up} / ${states.stale} / ${states.down} |`);
  say(`screen: ${shown}`);
} finally {
  spawnSync('tmux', ['-L', 'sitrep-bench-prom', 'kill-server']);
  prom.kill('SIGTERM');
  await new Promise((r) => prom.once('exit', r));
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
