import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/tmux.js';

const ready = requireOrSkip(spawnSync('sh', ['-c', 'command -v promtool']).status === 0 && existsSync('dist/prometheus/sitrep.rules.yml'), 'needs promtool (apt: prometheus) and a build');

describe.runIf(ready)('the Prometheus rules shipped in dist/prometheus', () => {
  it('promtool check rules passes', () => {
    const r = spawnSync('promtool', ['check', 'rules', 'dist/prometheus/sitrep.rules.yml'], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS: 7 rules found/);
  });

  it('promtool test rules passes the unit tests beside them', () => {
    const r = spawnSync('promtool', ['test', 'rules', 'sitrep.rules.test.yml'], { encoding: 'utf8', cwd: 'dist/prometheus' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS/);
  });
});
