import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetQuery, FLEET_PARTS, joinFleet, hostState, type PromSample } from '../../src/model/prometheus-rows.js';
import { promFleetLines } from '../../src/panes/prom-fleet-lines.js';
import { ruleTarget, sshTarget, readSshMap } from '../../src/remote/prometheus-targets.js';
import { authHeader, checkUrl, instantQuery } from '../../src/remote/prometheus-client.js';
import { PromFleet, promFleetTable } from '../../src/remote/prometheus-fleet.js';
import { parseArgs } from '../../src/cli/args.js';

const s = (instance: string, q: string, value: string, labels: Record<string, string> = {}): PromSample => ({ metric: { instance, q, job: 'node', ...labels }, value: [0, value] });
const EVIL = 'evil\u001b]0;pwned\u0007\u001b[2J-oProxyCommand=sh:9100';

const answer: PromSample[] = [
  s('web1:9100', 'up', '1'), s('web1:9100', 'scrapeAge', '0.4'), s('web1:9100', 'ttf', '1200', { mountpoint: '/srv' }), s('web1:9100', 'rate', '1048576', { mountpoint: '/srv' }),
  s('web1:9100', 'ttfUsed', '0.8', { mountpoint: '/srv' }), s('web1:9100', 'used', '0.9', { mountpoint: '/boot' }), s('web1:9100', 'writer', '1000000', { group: 'app.service' }),
  s('web1:9100', 'cpu', '0.25'), s('web1:9100', 'load1', '1.5'), s('web1:9100', 'memAvailable', '1e9'), s('web1:9100', 'info', '1', { host: 'web1' }), s('web1:9100', 'volatile', '0'),
  s('db1:9100', 'up', '1'), s('db1:9100', 'scrapeAge', '0.2'), s('db1:9100', 'used', '0.5', { mountpoint: '/' }), s('db1:9100', 'crashes', '0'),
  s('node-only:9100', 'up', '1'), s('node-only:9100', 'nodeTtf', '600', { mountpoint: '/var' }), s('node-only:9100', 'nodeRate', '5000', { mountpoint: '/var' }), s('node-only:9100', 'nodeRate', '7', { mountpoint: '/' }),
  s('gone:9100', 'up', '0'), s(EVIL, 'up', '1'), s(EVIL, 'writer', '5', { group: 'x\u001b[31mred' }),
];

describe('fleet from Prometheus (pure parts)', () => {
  it('one query: every part tagged by q, joined with or', () => {
    const q = fleetQuery();
    expect(q.split(' or label_replace(').length).toBe(Object.keys(FLEET_PARTS).length);
    expect(q.startsWith('label_replace(up, "q", "up", "", "") or ')).toBe(true);
  });

  it('joins by instance: sitrep forecast first, node_exporter slope where sitrep is absent; down hosts marked', () => {
    const hosts = joinFleet(answer);
    const web = hosts.find((h) => h.instance === 'web1:9100')!;
    expect(web.row).toMatchObject({ host: 'web1', mount: '/srv', secondsToFull: 1200, fillRate: 1048576, usedFraction: 0.8, topWriter: 'app.service', cpu: 0.25, load1: 1.5, volatileJournal: false });
    expect(web.memAvailableBytes).toBe(1e9);
    const nodeOnly = hosts.find((h) => h.instance === 'node-only:9100')!;
    expect(nodeOnly.row).toMatchObject({ mount: '/var', secondsToFull: 600, fillRate: 5000 });
    expect(hostState(hosts.find((h) => h.instance === 'gone:9100')!)).toBe('down');
    expect(hostState({ ...web, scrapeAge: 120 })).toBe('stale');
  });

  it('ranks by urgency; hostile label values are sanitized on screen and in JSON, and never become an ssh target', () => {
    const hosts = joinFleet(answer);
    const lines = promFleetLines(hosts, false);
    expect(lines[0]!.text.startsWith('node-only:9100')).toBe(true);
    expect(lines[1]!.text.startsWith('web1:9100')).toBe(true);
    for (const l of lines) expect(l.text).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(promFleetLines(hosts, true).every((l) => /STALE/.test(l.text))).toBe(true);
    const fleet = new PromFleet(new URL('http://127.0.0.1:1'), null);
    fleet.hosts = hosts;
    const json = JSON.stringify(promFleetTable(fleet, new Map()));
    expect(json).not.toMatch(/\\u001b|\\u0007/);
    expect(sshTarget(EVIL, new Map())).toBeNull();
  });

  it('instance to ssh target: the rule strips the port; the map overrides; option-like targets refused', () => {
    expect(ruleTarget('web1.example.com:9100')).toBe('web1.example.com');
    expect(ruleTarget('[2001:db8::1]:9100')).toBe('2001:db8::1');
    expect(ruleTarget('10.0.0.5')).toBe('10.0.0.5');
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-map-'));
    try {
      writeFileSync(join(dir, 'map'), '# instance target\nweb1:9100 admin@web1.internal\n');
      const map = readSshMap(join(dir, 'map'));
      expect(sshTarget('web1:9100', map)).toBe('admin@web1.internal');
      expect(sshTarget('-oProxyCommand=x:9100', map)).toBeNull();
      writeFileSync(join(dir, 'bad'), 'one two three\n');
      expect(() => readSshMap(join(dir, 'bad'))).toThrow(/bad:1: expected INSTANCE TARGET/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('auth from a file (bearer, basic), a warning when others can read it; no credentials in the URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-auth-'));
    try {
      const f = join(dir, 'auth');
      writeFileSync(f, 'bearer abc.def\n');
      chmodSync(f, 0o600);
      expect(authHeader(f)).toEqual({ header: 'Bearer abc.def', warning: null });
      writeFileSync(f, 'basic me:s3cret\n');
      chmodSync(f, 0o644);
      const basic = authHeader(f);
      expect(basic.header).toBe(`Basic ${Buffer.from('me:s3cret').toString('base64')}`);
      expect(basic.warning).toMatch(/readable by others/);
      writeFileSync(f, 'token\n');
      expect(() => authHeader(f)).toThrow(/bearer TOKEN/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(checkUrl('http://u:p@host:9090')).toMatch(/--prometheus-auth/);
    expect(checkUrl('ftp://x')).toMatch(/http/);
  });

  it('the client sends the header, times out, and reports a non-Prometheus answer in one line', async () => {
    let seen = '';
    const server = createServer((req, res) => {
      seen = req.headers.authorization ?? '';
      if (req.url!.includes('slow')) return; // never answers
      res.end(req.url!.startsWith('/p/api/v1/query') ? JSON.stringify({ status: 'success', data: { resultType: 'vector', result: answer } }) : '<html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const ok = await instantQuery(new URL(`http://127.0.0.1:${port}/p/`), 'up', { auth: 'Bearer t', timeoutMs: 2000 });
      expect('result' in ok && ok.result.length).toBe(answer.length);
      expect(seen).toBe('Bearer t');
      expect(await instantQuery(new URL(`http://127.0.0.1:${port}/`), 'up', { auth: null, timeoutMs: 2000 })).toMatchObject({ error: expect.stringMatching(/not a Prometheus answer/) });
      expect(await instantQuery(new URL(`http://127.0.0.1:${port}/slow/`), 'up', { auth: null, timeoutMs: 300 })).toMatchObject({ error: 'no answer in 0.3 s' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('the command line: --prometheus replaces the hosts; its options go with it only', () => {
    expect(parseArgs(['fleet', '--prometheus', 'http://p:9090', '--prometheus-auth', '/etc/sitrep/prom', '--ssh-map', '/etc/sitrep/map'])).toMatchObject({ kind: 'fleet', hosts: [], intervalMs: 5000, prometheus: { url: 'http://p:9090', authFile: '/etc/sitrep/prom', sshMap: '/etc/sitrep/map' } });
    expect(parseArgs(['snapshot', '--json', '--fleet', '--prometheus', 'http://p:9090'])).toMatchObject({ kind: 'fleet', json: true, prometheus: { url: 'http://p:9090' } });
    expect(parseArgs(['fleet', 'a', '--prometheus', 'http://p'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['fleet', 'a', '--ssh-map', 'f'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['record', '--store', '/s', '--alert-command', '/usr/local/bin/page me', '--alert-horizon', '30min', '--alert-hold', '5min'])).toMatchObject({ kind: 'recorder', alertCommand: ['/usr/local/bin/page', 'me'], alertHorizonMs: 1_800_000, alertHoldMs: 300_000 });
  });
});
