/** The systemd sandbox helper itself: boots, runs units, shuts down, leaves nothing. */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { requireOrSkip } from '../support/tmux.js';

const ready = requireOrSkip(canBootSystemd(), 'needs root, unshare and systemd');

describe.runIf(ready)('systemd sandbox', () => {
  const ns = ready ? new SystemdNamespace() : null;
  afterAll(() => ns?.stop());

  it('boots a real systemd and journald, runs a transient unit with properties, and powers off', () => {
    expect(ns!.run(['cat', '/proc/1/comm']).trim()).toBe('systemd');
    ns!.startUnit('sandbox-sleep', ['sleep', '300'], { Description: 'sandbox check' });
    let state = '';
    for (let i = 0; i < 50 && state !== 'active'; i++) state = ns!.isActive('sandbox-sleep');
    expect(state).toBe('active');
    expect(ns!.property('sandbox-sleep', 'Description')).toBe('sandbox check');
    const main = Number(ns!.property('sandbox-sleep', 'MainPID'));
    expect(ns!.run(['cat', `/proc/${main}/cgroup`])).toContain('/system.slice/sandbox-sleep.service');
    expect(ns!.run(['journalctl', '--no-pager', '-n', '1', '-o', 'cat'])).not.toBe('');
    expect(existsSync('/tmp')).toBe(true);
    ns!.stop();
    expect(existsSync(`/proc/${ns!.pid}`)).toBe(false);
  });
});
