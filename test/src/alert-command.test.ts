import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertCommand, alertText, alertVariables } from '../../src/recorder/alert-sink.js';
import type { AlertEvent } from '../../src/model/alert-rules.js';

const event = (state: 'start' | 'resolve', id = 'filesystem-filling:/srv/x'): AlertEvent => ({
  state, kind: 'filesystem-filling', subject: '/srv/x', id, t: 2000, startedAt: 1000,
  figures: { mount: '/srv/x\u001b[31m', rateBytesPerSecond: 1024, secondsToFull: 600, usedFraction: 0.5, availBytes: 1, writer: 'a.service', writerBytesPerSecond: 1024 }, culprit: 'a.service',
});

describe('the alert command', () => {
  it('runs one at a time per alert (the resolve waits for the start), with the alert on stdin and as variables only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-alert-'));
    try {
      const out = join(dir, 'out.jsonl');
      const said: string[] = [];
      const cmd = new AlertCommand([process.execPath, resolve('test/support/alert-capture.mjs'), out, '400'], (t) => said.push(t), 10_000);
      cmd.run(event('start'));
      cmd.run(event('resolve'));
      cmd.run(event('start', 'crash-loop:b.service'));
      const deadline = Date.now() + 15_000;
      while (cmd.busy > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { started: number; ended: number; stdin: { id: string; state: string }; env: Record<string, string>; others: string[] });
      const same = lines.filter((l) => l.stdin.id === 'filesystem-filling:/srv/x');
      expect(same.map((l) => l.stdin.state)).toEqual(['start', 'resolve']);
      expect(same[1]!.started).toBeGreaterThanOrEqual(same[0]!.ended);
      expect(lines).toHaveLength(3);
      expect(same[0]!.env.SITREP_ALERT_MOUNT).toBe('/srv/x');
      expect(same[0]!.others).toEqual([]);
      expect(said).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('kills a command past its timeout and says so', async () => {
    const said: string[] = [];
    const cmd = new AlertCommand(['sleep', '30'], (t) => said.push(t), 300);
    cmd.run(event('start'));
    const deadline = Date.now() + 10_000;
    while (cmd.busy > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(said.join('\n')).toMatch(/killed after 0.3 s/);
  });

  it('the line and the variables carry no control characters', () => {
    expect(alertText(event('start'))).not.toMatch(/\u001b/);
    expect(Object.values(alertVariables(event('start'))).join('')).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('the installed recorder unit', () => {
  it('passes the alert options on in its ExecStart', async () => {
    const { recorderUnit } = await import('../../src/recorder/recorder-admin.js');
    const { parseArgs } = await import('../../src/cli/args.js');
    const command = parseArgs(['recorder', 'install', '--alert-command', '/usr/local/bin/sitrep-mail root', '--alert-horizon', '2h']);
    expect(command.kind).toBe('recorder-admin');
    const unit = recorderUnit(command as Parameters<typeof recorderUnit>[0], '/usr/bin/node', '/usr/local/bin/sitrep');
    expect(unit).toMatch(/^ExecStart=.* record --store \S+ .*--alert-horizon 7200s --alert-hold 600s --alert-command "\/usr\/local\/bin\/sitrep-mail root"$/m);
  });
});
