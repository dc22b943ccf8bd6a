/**
 * `sitrep fleet --prometheus URL`: the fleet table from the Prometheus people
 * already run, one HTTP request per refresh for the whole fleet (one instant
 * query, its parts joined by instance: model/prometheus-rows.ts). SSH is used
 * only to act on one host: Enter runs `sitrep ssh` to it. `--json` (and
 * `snapshot --json --fleet --prometheus URL`) prints the table once.
 */
import type { CliCommand, PrometheusArgs } from '../cli/args.js';
import { fleetQuery, hostState, joinFleet, type PromHost } from '../model/prometheus-rows.js';
import { sortPromFleet } from '../panes/prom-fleet-lines.js';
import { safeJson } from '../text/safe-json.js';
import { sanitize } from '../text/sanitize.js';
import { authHeader, checkUrl, instantQuery } from './prometheus-client.js';
import { readSshMap, sshTarget } from './prometheus-targets.js';

type FleetCommand = Extract<CliCommand, { kind: 'fleet' }>;

/** The fleet as Prometheus last told it. */
export class PromFleet {
  hosts: PromHost[] = [];
  /** Why the last refresh failed (null: it answered). */
  error: string | null = null;
  /** When Prometheus last answered (ms), or null. */
  answeredAt: number | null = null;
  /** Bytes of the last answer, and how long the last refresh took (ms). */
  lastBytes = 0;
  lastMs = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;
  private readonly query = fleetQuery();

  constructor(readonly url: URL, private readonly auth: string | null, private readonly timeoutMs = 10_000) {}

  /** One refresh: one request. */
  async refresh(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    const started = Date.now();
    const answer = await instantQuery(this.url, this.query, { auth: this.auth, timeoutMs: this.timeoutMs });
    this.inFlight = false;
    this.lastMs = Date.now() - started;
    this.lastBytes = answer.bytes;
    if ('error' in answer) {
      // Keep the last table: it is shown marked stale.
      this.error = answer.error;
      return;
    }
    this.error = null;
    this.answeredAt = Date.now();
    this.hosts = joinFleet(answer.result);
  }

  /** Refreshes every `intervalMs`, calling `changed` after each. */
  start(intervalMs: number, changed: () => void): void {
    const tick = async () => {
      await this.refresh();
      changed();
      if (this.timer !== null) this.timer = setTimeout(() => void tick(), intervalMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Stops refreshing. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The status line: where from, how fresh, or unreachable. */
  status(now = Date.now()): { text: string; alert: boolean } {
    const where = sanitize(`${this.url.origin}${this.url.pathname}`, 80);
    if (this.error !== null) {
      const last = this.answeredAt === null ? 'no table yet' : `table from ${Math.round((now - this.answeredAt) / 1000)}s ago, STALE`;
      return { text: `Prometheus ${where} unreachable: ${sanitize(this.error, 120)} · ${last}`, alert: true };
    }
    const down = this.hosts.filter((h) => hostState(h) !== 'up').length;
    return { text: `Prometheus ${where} · ${this.hosts.length} hosts${down ? ` · ${down} down or stale` : ''} · ${Math.round(this.lastBytes / 1024)} KiB in ${this.lastMs} ms`, alert: false };
  }
}

/** The table as JSON rows, most urgent first; every string from Prometheus sanitized. */
export function promFleetTable(fleet: PromFleet, overrides: ReadonlyMap<string, string>): Record<string, unknown>[] {
  const clean = (s: string | null) => (s === null ? null : sanitize(s, 256));
  return sortPromFleet(fleet.hosts).map((h) => ({
    instance: clean(h.instance), sshTarget: sshTarget(h.instance, overrides), state: fleet.error !== null ? 'stale' : hostState(h),
    hostname: clean(h.row.host || null), mount: clean(h.row.mount), usedFraction: h.row.usedFraction, secondsToFull: h.row.secondsToFull, fillRate: h.row.fillRate,
    topWriter: clean(h.row.topWriter), topWriterRate: h.row.topWriterRate, cpu: h.row.cpu, load1: h.row.load1, memAvailableBytes: h.memAvailableBytes,
    crashes10m: h.row.crashes10m, volatileJournal: h.row.volatileJournal, scrapeAgeSeconds: h.scrapeAge === null ? null : Math.round(h.scrapeAge * 10) / 10, reportAgeSeconds: h.reportAge === null ? null : Math.round(h.reportAge),
  }));
}

/** Reads the URL, the auth file and the ssh map; a one-line error instead. */
export function openPromFleet(prom: PrometheusArgs): { fleet: PromFleet; overrides: Map<string, string>; warning: string | null } | { error: string } {
  const url = checkUrl(prom.url);
  if (typeof url === 'string') return { error: url };
  try {
    const auth = prom.authFile ? authHeader(prom.authFile) : null;
    const overrides = prom.sshMap ? readSshMap(prom.sshMap) : new Map<string, string>();
    return { fleet: new PromFleet(url, auth?.header ?? null), overrides, warning: auth?.warning ?? null };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Runs `fleet --prometheus`: the table once with --json, else the screen. */
export async function runPrometheusFleet(command: FleetCommand, prom: PrometheusArgs): Promise<number | NodeJS.Signals> {
  const opened = openPromFleet(prom);
  if ('error' in opened) {
    process.stderr.write(`sitrep: ${sanitize(opened.error, 300)}\n`);
    return 2;
  }
  if (opened.warning) process.stderr.write(`sitrep: warning: ${sanitize(opened.warning, 300)}\n`);
  const { fleet, overrides } = opened;
  if (command.json) {
    await fleet.refresh();
    const hosts = promFleetTable(fleet, overrides);
    const prometheus = { url: sanitize(`${fleet.url.origin}${fleet.url.pathname}`, 200), reachable: fleet.error === null, error: fleet.error === null ? null : sanitize(fleet.error, 200), bytes: fleet.lastBytes, ms: fleet.lastMs };
    // A thousand hosts are ~0.5 MB: wait until stdout has taken it all before main() exits.
    await new Promise<void>((resolve) => process.stdout.write(`${safeJson({ version: 1, time: new Date().toISOString(), prometheus, hosts }, 2)}\n`, () => resolve()));
    return fleet.error !== null ? 2 : hosts.some((h) => h.state !== 'up') ? 1 : 0;
  }
  const { runPromFleetScreen } = await import('./prometheus-screen.js');
  return runPromFleetScreen(fleet, overrides, command);
}
