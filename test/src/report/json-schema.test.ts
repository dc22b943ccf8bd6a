import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotReport } from '../../../src/report/snapshot.js';
import { initialModel, reduce } from '../../../src/model/model.js';
import { demoMessagesTo } from '../../../demo/demo-source.js';
import { recordingLines, writeRecordingFile } from '../../support/recording-file.js';
import { TEST_ROOT } from '../../support/loopfs.js';
import { requireOrSkip } from '../../support/tmux.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const snapshotSchema = JSON.parse(readFileSync('schema/snapshot.schema.json', 'utf8'));
const recordingSchema = JSON.parse(readFileSync('schema/recording.schema.json', 'utf8'));
const validSnapshot = ajv.compile(snapshotSchema);
const validLine = ajv.compile(recordingSchema);
const errors = (v: { errors?: unknown }) => JSON.stringify(v.errors ?? null).slice(0, 600);
const expectSnapshot = (report: unknown) => expect(validSnapshot(report) ? null : errors(validSnapshot)).toBeNull();
const SITREP = 'dist/sitrep.mjs';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const sitrep = (args: string[]) => JSON.parse(execFileSync(process.execPath, [SITREP, ...args], { encoding: 'utf8' }));
const demoReport = () => snapshotReport(demoMessagesTo('crash-loop', 60).reduce(reduce, initialModel(600)), { elapsedSeconds: 60 });

describe('the published JSON Schemas', () => {
  it('are what the generator writes now (npm run schema)', () => {
    const r = spawnSync(process.execPath, ['src/build/gen-json-schemas.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fail a snapshot that gains a field the schema lacks, at the top or deep inside', () => {
    const report = demoReport() as Record<string, any>;
    expectSnapshot(report);
    expect(validSnapshot({ ...report, surprise: 1 })).toBe(false);
    expect(validSnapshot({ ...report, filesystems: [{ ...report.filesystems[0], surprise: 1 }] })).toBe(false);
    expect(validSnapshot({ ...report, network: { ...report.network, totals: { ...report.network.totals, surprise: 1 } } })).toBe(false);
    // a demo report with the live span's name is neither a demo nor a live report
    expect(validSnapshot({ ...report, durationSeconds: 1 })).toBe(false);
  });

  it('a demo recording line by line: header, keyframes, deltas and events', () => {
    const lines = recordingLines(demoMessagesTo('disk-fill', 90)).map((l) => JSON.parse(l));
    expect([...new Set(lines.map((l) => l.kind ?? l.format))]).toEqual(expect.arrayContaining(['sitrep-recording', 'keyframe', 'delta', 'log']));
    for (const line of lines) expect(validLine(line) ? null : `${line.kind}: ${errors(validLine)}`).toBeNull();
    expect(validLine({ ...lines[1], surprise: 1 })).toBe(false);
    expect(validLine({ ...lines[0], version: 2 })).toBe(false);
  });

  it('the README lists every snapshot field the schema has, and no other', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## `sitrep snapshot --json`'), readme.indexOf('\n## ', readme.indexOf('## `sitrep snapshot --json`') + 5));
    const documented = new Set([...section.matchAll(/"([a-zA-Z][a-zA-Z0-9]*)"\s*:/g)].map((m) => m[1]!));
    const inSchema = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'properties') Object.keys(v as object).forEach((p) => inSchema.add(p));
          collect(v);
        }
      }
    };
    collect(snapshotSchema);
    expect([...inSchema].filter((k) => !documented.has(k)).sort()).toEqual([]);
    expect([...documented].filter((k) => !inSchema.has(k) && !/^[A-Z]/.test(k)).sort()).toEqual([]);
  });
});

describe.runIf(requireOrSkip(existsSync(SITREP), 'needs dist/ (npm run build)'))('real outputs against the schemas', () => {
  it('live, --dir, --demo, --replay and --store snapshots are valid', () => {
    expectSnapshot(sitrep(['snapshot', '--json', '--duration', '1']));
    expectSnapshot(sitrep(['snapshot', '--json', '--dir', 'src']));
    expectSnapshot(sitrep(['snapshot', '--json', '--demo', 'disk-fill', '--at', '40']));
    expectSnapshot(sitrep(['snapshot', '--json', '--demo', 'crash-loop', '--at', '60']));
    expectSnapshot(sitrep(['snapshot', '--json', '--replay', writeRecordingFile(demoMessagesTo('crash-loop', 30)), '--at', '20']));
    const root = mkdtempSync(join(TEST_ROOT, 'schema-'));
    dirs.push(root);
    const store = join(root, 'store');
    spawnSync(process.execPath, [SITREP, 'record', '--store', store, '--interval', '0.5'], { timeout: 3000, killSignal: 'SIGTERM', stdio: 'ignore' });
    expectSnapshot(sitrep(['snapshot', '--json', '--store', store]));
    // ...and every line the recorder wrote from this live machine.
    for (const segment of readdirSync(store)) {
      const lines = gunzipSync(readFileSync(join(store, segment))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) expect(validLine(line) ? null : `${line.kind}: ${errors(validLine)}`).toBeNull();
    }
  }, 60_000);
});

describe('the report schema (sitrep report --json)', () => {
  const validReport = ajv.compile(JSON.parse(readFileSync('schema/report.schema.json', 'utf8')));
  const expectReport = (r: unknown) => expect(validReport(r) ? null : errors(validReport)).toBeNull();

  it('takes both demos\' reports, and fails one that gains a field the types lack, at the top or deep inside', async () => {
    const { demoIncidentMessages } = await import('../../../src/report/demo-incident.js');
    const { incidentReport } = await import('../../../src/report/incident-timeline.js');
    const start = Date.UTC(2026, 10, 22, 12, 0, 0);
    const disk = JSON.parse(JSON.stringify(incidentReport(demoIncidentMessages('disk-fill', start), 'demo disk-fill')));
    const crash = JSON.parse(JSON.stringify(incidentReport(demoIncidentMessages('crash-loop', start), 'demo crash-loop')));
    expectReport(disk);
    expectReport(crash);
    expect(validReport({ ...disk, surprise: 1 })).toBe(false);
    expect(validReport({ ...disk, filesystems: [{ ...disk.filesystems[0], surprise: 1 }] })).toBe(false);
    expect(validReport({ ...crash, actions: [{ ...crash.actions[0], outcome: 'pwned' }] })).toBe(false);
  });

  it.runIf(existsSync(SITREP))('takes the real command\'s output (--demo, and a recording)', () => {
    expectReport(sitrep(['report', '--json', '--demo', 'crash-loop']));
    expectReport(sitrep(['report', '--json', writeRecordingFile(demoMessagesTo('disk-fill', 60))]));
  });
});
