/**
 * A real Prometheus (apt: prometheus) for tests: on 127.0.0.1 with a
 * temporary TSDB, the given scrape config and a short scrape interval;
 * `stop()` kills it and removes its files.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Whether prometheus and node_exporter are installed. */
export function hasPrometheus(): boolean {
  return ['prometheus', 'prometheus-node-exporter'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** One running Prometheus. */
export class TestPrometheus {
  readonly url: string;
  private child: ChildProcess | null;

  /** Starts it in `dir` with `scrapeConfigs` (YAML under scrape_configs:) and a scrape every `intervalS`. */
  constructor(readonly dir: string, readonly port: number, scrapeConfigs: string, intervalS = 1) {
    mkdirSync(join(dir, 'tsdb'), { recursive: true });
    const config = join(dir, 'prometheus.yml');
    writeFileSync(config, `global:\n  scrape_interval: ${intervalS}s\n  scrape_timeout: ${intervalS}s\n  evaluation_interval: ${intervalS}s\nscrape_configs:\n${scrapeConfigs}`);
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn', '--storage.tsdb.retention.time=1h'], { stdio: 'ignore' });
  }

  /** Whether it answers /-/ready. */
  async ready(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/-/ready`)).ok;
    } catch {
      return false;
    }
  }

  /** Stops it (SIGTERM, then SIGKILL after 5 s); the files stay until `remove()`. */
  async stop(): Promise<void> {
    const c = this.child;
    this.child = null;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const t = setTimeout(() => c.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(t);
  }

  /** Removes its files. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
