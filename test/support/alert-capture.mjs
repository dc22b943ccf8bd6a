// An --alert-command for tests: appends one JSON line to FILE with what it got
// (stdin, and its SITREP_ALERT* variables and whether anything else of the
// recorder's environment came along), after sleeping SLEEP_MS (default 0).
import { appendFileSync, readFileSync } from 'node:fs';

const [file, sleepMs] = [process.argv[2], Number(process.argv[3] ?? 0)];
const stdin = readFileSync(0, 'utf8');
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('SITREP_ALERT')));
const others = Object.keys(process.env).filter((k) => !k.startsWith('SITREP_ALERT') && !['PATH', 'LANG'].includes(k));
const started = Date.now();
await new Promise((r) => setTimeout(r, sleepMs));
appendFileSync(file, `${JSON.stringify({ started, ended: Date.now(), stdin: JSON.parse(stdin), env, others })}\n`);
