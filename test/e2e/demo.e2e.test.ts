/**
 * Both demos scripted through keys in a real tmux, as an unprivileged user
 * (`nobody`), on this machine where PID 1 is not systemd: the demos need
 * neither root nor systemd, and write nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const canDrop = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
const asNobody = (args: string) => (canDrop ? `setpriv --reuid=nobody --regid=nogroup --clear-groups ${process.execPath} ${SITREP} ${args}` : `node ${SITREP} ${args}`);
const row = (screen: string, text: string) => screen.split('\n').find((l) => l.includes(text)) ?? '';

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP) && canDrop, 'needs tmux, dist/ and root to drop to nobody'))('demos in tmux as nobody', () => {
  it('disk-fill: select the writer, stop its unit, and the fill rate drops to 0', async () => {
    const s = new TmuxSession('demo-fill', 130, 42, asNobody('--demo'));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => /\+\d+(\.\d)?M\/s full in/.test(row(t, '/srv ')) && t.includes('apache2@jail.service (unit)'), 10_000, 'filling /srv and its writer');
    expect(s.screen()).toContain('/srv/var/mod_gzip/cache-0001.gz');
    s.send('2');
    await s.selectLine('apache2@jail.service (unit)');
    s.send('S');
    const dialog = await s.waitFor((t) => t.includes('Stop apache2@jail.service?'), 3000, 'stop dialog');
    expect(dialog).toContain('The Apache HTTP Server (jail)');
    s.send('y');
    await s.waitFor((t) => t.includes('stopped apache2@jail.service'), 3000, 'outcome');
    await s.waitFor((t) => /\s—\s/.test(row(t, '/srv ')), 5000, 'fill rate back to —');
    s.send('q');
  });

  it('disk-fill: mod_gzip grows in the drill-down; deleting it brings only seconds of relief', async () => {
    const s = new TmuxSession('demo-drill', 130, 42, asNobody('--demo'));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => /\+\d+(\.\d)?M\/s full in/.test(row(t, '/srv ')), 10_000, 'filling /srv');
    s.send('1');
    await s.selectLine('/srv ');
    s.send('Enter');
    await s.waitFor((t) => /\+\d+(\.\d)?M\/s .* var\//.test(row(t, 'var/')), 5000, 'var growing');
    await s.selectLine('var/');
    s.send('Enter');
    await s.waitFor((t) => /\+\d+(\.\d)?M\/s .* mod_gzip\//.test(row(t, 'mod_gzip/')), 5000, 'mod_gzip growing');
    await s.selectLine('mod_gzip/');
    s.send('d');
    await s.waitFor((t) => t.includes('Delete /srv/var/mod_gzip?'), 3000, 'delete dialog');
    s.send('y');
    await s.waitFor((t) => /deleted \/srv\/var\/mod_gzip: freed \d+\.\d GiB — apache2 is still writing/.test(t), 3000, 'relief');
    s.send('Escape');
    await s.waitFor((t) => /\+\d+(\.\d)?M\/s full in/.test(row(t, '/srv ')), 5000, 'refilling');
    s.send('q');
  });

  it('crash-loop: stopping the service from the Services overlay stops the crashes', async () => {
    const s = new TmuxSession('demo-stop', 130, 42, asNobody('--demo crash-loop'));
    cleanups.push(() => s.kill());
    const crashes = (t: string) => Number(/php8\.2-fpm\.service \d+\/(\d+)/.exec(t)?.[1] ?? -1);
    await s.waitFor((t) => crashes(t) >= 1, 15_000, 'crashing');
    s.send('u');
    await s.waitFor((t) => t.includes('Services · systemd') && t.includes('php8.2-fpm.service'), 5000, 'the loop in the overlay');
    s.send('S');
    await s.waitFor((t) => t.includes('Stop php8.2-fpm.service?') && t.includes('The PHP 8.2 FastCGI Process Manager'), 3000, 'stop dialog');
    s.send('y');
    const stopped = await s.waitFor((t) => t.includes('stopped php8.2-fpm.service'), 3000, 'stopped');
    const count = crashes(stopped);
    await new Promise((r) => setTimeout(r, 8000));
    expect(crashes(s.screen())).toBe(count);
    s.send('q');
  });

  it('disk-fill left alone reaches 0 B available with the root reserve left', () => {
    const report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--demo', 'disk-fill', '--at', '120'], { encoding: 'utf8' }));
    const srv = report.filesystems.find((f: { mount: string }) => f.mount === '/srv');
    expect(srv.availBytes).toBe(0);
    expect(srv.reservedBytes).toBeGreaterThan(900e6);
    const again = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--demo', 'disk-fill', '--at', '30'], { encoding: 'utf8' }));
    const first = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--demo', 'disk-fill', '--at', '30'], { encoding: 'utf8' }));
    expect(again.filesystems).toEqual(first.filesystems);
    expect(first.writers[0]).toMatchObject({ unit: 'apache2@jail.service', files: [{ path: '/srv/var/mod_gzip/cache-0001.gz' }] });
  });

  it('crash-loop: J keeps the journal, blocking the range stops the crash counter', async () => {
    const s = new TmuxSession('demo-crash', 130, 42, asNobody('--demo crash-loop'));
    cleanups.push(() => s.kill());
    const crashes = (t: string) => Number(/php8\.2-fpm\.service \d+\/(\d+)/.exec(t)?.[1] ?? -1);
    await s.waitFor((t) => crashes(t) >= 1 && t.includes('journal is volatile'), 15_000, 'crash loop and volatile journal');
    s.send('J');
    await s.waitFor((t) => t.includes('Keep the journal on disk?'), 3000, 'J dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('journal is now persistent') && !t.includes('journal is volatile'), 3000, 'journal kept');
    s.send('3');
    await s.selectLine('203.0.113.');
    s.send('b');
    await s.waitFor((t) => t.includes('Block 203.0.113.0/24?'), 3000, 'block dialog');
    s.send('y');
    const blocked = await s.waitFor((t) => t.includes('blocked 203.0.113.0/24'), 3000, 'blocked');
    const count = crashes(blocked);
    await new Promise((r) => setTimeout(r, 9000)); // more than the 4-6 s between crashes
    expect(crashes(s.screen())).toBe(count);
    s.send('u');
    await s.waitFor((t) => t.includes('php8.2-fpm.service') && t.includes('The PHP 8.2 FastCGI Process Manager'), 3000, 'the crash loop in the Services overlay');
    s.send('q');
  });

  it('crash-loop: the Network pane shows the flood on php-fpm\'s port; blocking the range there empties it and stops the crashes', async () => {
    const s = new TmuxSession('demo-net', 130, 42, asNobody('--demo crash-loop'));
    cleanups.push(() => s.kill());
    const crashes = (t: string) => Number(/php8\.2-fpm\.service \d+\/(\d+)/.exec(t)?.[1] ?? -1);
    const synRecv = (t: string) => Number(/│203\.0\.113\.0\/24 +\d+ +(\d+)/.exec(t)?.[1] ?? -1);
    s.send('5');
    const first = await s.waitFor((t) => synRecv(t) > 0 && crashes(t) >= 1, 15_000, 'the flood in the Network pane');
    expect(row(first, '203.0.113.0/24')).toContain('9000');
    expect(row(first, '203.0.113.0/24')).toContain('php8.2-fpm.service');
    await s.waitFor((t) => synRecv(t) > synRecv(first), 5000, 'SYN-RECV rising');
    s.send('b');
    await s.waitFor((t) => t.includes('Block 203.0.113.0/24?') && /\d+ SYN-RECV/.test(t), 3000, 'block dialog with its figures');
    s.send('y');
    const blocked = await s.waitFor((t) => t.includes('blocked 203.0.113.0/24'), 3000, 'blocked');
    const count = crashes(blocked);
    await s.waitFor((t) => !t.includes('│203.0.113.0/24'), 4000, 'the range emptied');
    await new Promise((r) => setTimeout(r, 7000)); // more than the 4-6 s between crashes
    expect(crashes(s.screen())).toBe(count);
    s.send('q');
  });
});
