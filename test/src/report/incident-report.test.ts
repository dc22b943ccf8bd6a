/**
 * `sitrep report` from the message stream: golden reports of the two demos
 * (their scripted admin acts through the same intents as the console), the
 * facts each must name, and a fuzz of hostile recordings: the Markdown never
 * carries a control character or an unescaped Markdown/HTML character from
 * the system.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../demo/rng.js';
import { demoIncidentMessages } from '../../../src/report/demo-incident.js';
import { incidentReport } from '../../../src/report/incident-timeline.js';
import { incidentMarkdown, md } from '../../../src/report/incident-report-md.js';
import { journalFields } from '../../../src/effects/audit-entry.js';
import { readRecording } from '../../../src/record/reader.js';
import { DEFS, MESSAGE } from '../../../src/record/message-schema.js';
import type { SchemaNode } from '../../../src/record/schema.js';
import type { AuditEntry, Message } from '../../../src/stream/messages.js';
import { recordingLines } from '../../support/recording-file.js';

const START = Date.UTC(2026, 10, 22, 12, 0, 0);
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/;

describe('the demos\' incident reports (golden)', () => {
  it('disk-fill names the filesystem, the writers (pid, unit, file), the fill, full, and the stop with who', async () => {
    const r = incidentReport(demoIncidentMessages('disk-fill', START), 'demo disk-fill');
    const fs = r.filesystems[0]!;
    expect(fs.mountPoint).toBe('/srv');
    // The writer starts with the demo: the first rise is seen within one sample interval of the first sample.
    expect(fs.fillStartAt! - (START + 1000)).toBeLessThanOrEqual(1000);
    expect(fs.fullAt).not.toBeNull();
    expect(fs.culprits[0]).toMatchObject({ comm: 'apache2', unit: 'apache2@jail.service', files: ['/srv/var/mod_gzip/cache-0001.gz'] });
    expect(r.actions).toEqual([expect.objectContaining({ action: 'stop', outcome: 'ok', user: 'alice', from: '192.0.2.10', target: 'unit apache2@jail.service' })]);
    expect(r.actions[0]!.effect).toMatch(/\/srv: the fill stopped \d+s later/);
    await expect(incidentMarkdown(r)).toMatchFileSnapshot('./golden/disk-fill.md');
  });

  it('crash-loop names the unit, the crash count, the top range and the block', async () => {
    const r = incidentReport(demoIncidentMessages('crash-loop', START), 'demo crash-loop');
    expect(r.crashLoops[0]).toMatchObject({ unit: 'php8.2-fpm.service' });
    expect(r.crashLoops[0]!.crashes).toBeGreaterThanOrEqual(10);
    expect(r.floods[0]!.range).toBe('203.0.113.0/24');
    expect(r.actions).toEqual([expect.objectContaining({ action: 'block', target: 'range 203.0.113.0/24', outcome: 'ok', user: 'alice' })]);
    expect(r.actions[0]!.effect).toMatch(/php8\.2-fpm\.service: no crash after it; 203\.0\.113\.0\/24: the flood ended \d+s later/);
    const text = incidentMarkdown(r);
    expect(text).toMatch(/php8\.2-fpm\.service.*: \d+ crashes from/);
    expect(text).toContain('**block** range 203.0.113.0/24');
    await expect(text).toMatchFileSnapshot('./golden/crash-loop.md');
  });
});

describe('actions read back from the journal lines a store recorded', () => {
  it('a journal entry with SITREP_* fields in a log batch is an action, once even when the event carries it too', () => {
    const messages = demoIncidentMessages('crash-loop', START);
    const event = messages.find((m): m is Extract<Message, { kind: 'event' }> => m.kind === 'event' && !!m.audit)!;
    const raw = JSON.stringify(Object.fromEntries(journalFields(event.audit!).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])));
    const log: Message = { kind: 'log', t: event.t + 5, source: 'journald', entries: [{ t: event.t + 5, priority: 5, unit: '', pid: 1, message: 'sitrep: …', raw }] };
    const withBoth = [...messages.slice(0, messages.indexOf(event) + 1), log, ...messages.slice(messages.indexOf(event) + 1)];
    expect(incidentReport(withBoth, 'x').actions).toHaveLength(1);
    const journalOnly = withBoth.filter((m) => m !== event);
    expect(incidentReport(journalOnly, 'x').actions).toEqual([expect.objectContaining({ action: 'block', user: 'alice', target: 'range 203.0.113.0/24' })]);
  });
});

type Random = () => number;
const HOSTILE = ['\x1b]52;c;cHduZWQ=\x07', '\x1b[2J', '\x9b31m', '| a | b |', '<script>alert(1)</script>', '[x](javascript:alert(1))', '**bold** _it_ `code`', '# head', '\u202eevil', 'a\nb\r\nc', '\\|\\', ''];
const pick = <T,>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** `value` with strings made hostile at `rate`, within the schema. */
function mutate(node: SchemaNode, value: unknown, random: Random, rate: number): unknown {
  switch (node.t) {
    case 'str':
      return random() < rate ? pick(random, HOSTILE).slice(0, node.max) : value;
    case 'ref':
      return mutate(DEFS[node.name]!, value, random, rate);
    case 'union':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? mutate(node.of.find((n) => n.t === 'ref' || n.t === 'obj') ?? node.of[0]!, value, random, rate) : typeof value === 'string' ? mutate({ t: 'str', max: 4096 }, value, random, rate) : value;
    case 'arr':
      return (value as unknown[]).map((v) => mutate(node.of, v, random, rate));
    case 'rec':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, mutate(node.of, v, random, rate)]));
    case 'obj':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, node.props[k] ? mutate(node.props[k]!, v, random, rate) : v]));
    default:
      return value;
  }
}

/** Hostile journal fields for an audit entry read back from a store. */
const hostileEntry = (random: Random, t: number): Message => {
  const e: AuditEntry = { at: t - 500, id: pick(random, HOSTILE), action: pick(random, ['stop', 'block', pick(random, HOSTILE) || 'x']), outcome: 'ok', user: pick(random, HOSTILE), uid: 0, loginUid: null, from: pick(random, HOSTILE), host: pick(random, HOSTILE), target: pick(random, HOSTILE), fields: { unit: pick(random, HOSTILE) }, figures: pick(random, HOSTILE), text: pick(random, HOSTILE), via: '' };
  const raw = JSON.stringify({ ...Object.fromEntries(journalFields(e).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])), SITREP_USER: pick(random, HOSTILE), SITREP_TARGET: pick(random, HOSTILE) });
  return { kind: 'log', t, source: 'journald', entries: [{ t, priority: 5, unit: '', pid: 1, message: pick(random, HOSTILE), raw }] };
};

describe('fuzz: the report of hostile recordings', () => {
  it('every accepted recording reports without an exception; no control character, no unescaped | < > [ ] from the system', () => {
    const random = seededRandom(36);
    // The first minute of each demo and its action (a whole demo is a few thousand log lines: the fuzz stays fast).
    const short = (ms: Message[]) => ms.filter((m, i) => i < 70 || (m.kind === 'event' && m.audit));
    const base = [...short(demoIncidentMessages('crash-loop', START)), ...short(demoIncidentMessages('disk-fill', START + 200_000)).slice(1)];
    let accepted = 0;
    for (let i = 0; i < 16; i++) {
      const rate = pick(random, [0.05, 0.2, 0.5]);
      const messages = base.map((m, k) => (k === 0 ? m : (mutate(MESSAGE, m, random, rate) as Message)));
      messages.splice(100, 0, hostileEntry(random, START + 100_500));
      const read = readRecording(gzipSync(`${recordingLines(messages).join('\n')}\n`));
      if ('error' in read) continue;
      accepted++;
      const text = incidentMarkdown(incidentReport(read.messages, pick(random, HOSTILE)));
      for (const line of text.split('\n')) {
        expect(line).not.toMatch(CONTROL);
        // Every | < > [ ] in the report is escaped: the printer itself writes none.
        expect(line.replace(/\\./g, '')).not.toMatch(/[|<>[\]]/);
      }
      expect(text).not.toMatch(/NaN|undefined|\[object/);
    }
    expect(accepted).toBeGreaterThan(10);
  }, 120_000);

  it('md() escapes Markdown and HTML and drops control characters', () => {
    expect(md('a|b*c_d`e[f]g<h>i#j\\k')).toBe('a\\|b\\*c\\_d\\`e\\[f\\]g\\<h\\>i\\#j\\\\k');
    expect(md('x\x1b]0;pwned\x07y\nz')).not.toMatch(CONTROL);
  });
});
