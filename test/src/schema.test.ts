/** The recording schema: generated from the message types, current, and strict where the old hand checks were loose. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM build script without types
import { generateAgentSchema, generateSchema } from '../../src/build/gen-schema.mjs';
import { validMessage } from '../../src/record/validate.js';
import { header, proc, sample } from '../support/samples.js';

describe('the recording schema', () => {
  it('is the one the message types generate now (npm run schema writes it)', () => {
    expect(readFileSync(new URL('../../src/record/message-schema.ts', import.meta.url), 'utf8')).toBe((generateSchema as () => string)());
    expect(readFileSync(new URL('../../src/record/agent-schema.ts', import.meta.url), 'utf8')).toBe((generateAgentSchema as () => string)());
  }, 60_000);

  it('accepts what the sources produce, and refuses unknown keys, unbounded numbers and wrong shapes', () => {
    const good = sample(1, 1, 1, [proc(10, 5)]);
    expect(validMessage(header())).toBe(true);
    expect(validMessage(good)).toBe(true);
    expect(validMessage({ ...good, extra: 1 })).toBe(false);
    expect(validMessage({ ...good, t: 1e300 })).toBe(false);
    expect(validMessage({ ...good, pressure: { cpu: 5 } })).toBe(false);
    expect(validMessage({ ...good, pressure: { cpu: { someAvg10: 1, fullAvg10: null }, io: null, memory: null } })).toBe(true);
    expect(validMessage({ ...good, deletedOpen: [{}] })).toBe(false);
    expect(validMessage({ ...good, load: [1, 2] })).toBe(false);
    expect(validMessage({ ...good, processes: [{ ...good.processes[0], pid: -1 }] })).toBe(false);
    expect(validMessage({ ...good, processes: [{ ...good.processes[0], io: null }] })).toBe(true);
    expect(validMessage({ ...good, services: { manager: 'systemd', unavailable: null, units: [{ id: 'a.service' }] } })).toBe(false);
    expect(validMessage(header({ cores: 0 }))).toBe(false);
    expect(validMessage({ kind: 'growth', t: 1, dir: '/', watch: 'inotify', bytesPerSec: { a: -5 } })).toBe(true);
    expect(validMessage({ kind: 'scan', t: 1, dir: '/', state: 'failed', error: 'x', children: [] })).toBe(false);
  });
});
