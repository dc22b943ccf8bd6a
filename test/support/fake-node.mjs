#!/usr/bin/env node
// A "node" for the remote tests, named with --remote-node. `--version` says
// the version in its own file name (a copy named fake-node-v18.19.0.mjs says
// v18.19.0, and run fails as an old node does, with a JavaScript stack line;
// otherwise the real version). On host sshlab0 it runs the
// real node with the same arguments (a real agent); on the others it is a
// hostile agent: a valid header and hello, then summary rows of the wrong
// types (sshlab1: "load1":"x" and a crashes10m string with an SGR escape;
// sshlab2: "mount":5), one every second, until its stdin closes.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { basename } from 'node:path';

const named = /fake-node-(v[\d.]+)/.exec(basename(process.argv[1]))?.[1];
if (process.argv[2] === '--version') {
  process.stdout.write(`${named ?? process.version}\n`);
  process.exit(0);
}
const host = hostname();
if (named) {
  process.stderr.write("file:///tmp/sitrep-agent-x/sitrep.mjs:1\nSyntaxError: Unexpected token '??='\n    at ModuleLoader.moduleStrategy (node:internal/modules/esm/translators:117:18)\n");
  process.exit(1);
} else if (host === 'sshlab0') {
  const child = spawn(process.execPath, process.argv.slice(2), { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const now = Date.now();
  const stream = { kind: 'header', format: 'sitrep-stream', version: 1, host, kernel: '6.1.0', os: null, cores: 2, clockTicks: 100, pageSize: 4096, intervalMs: 2000, startedAt: now, bootTime: now - 60_000 };
  const line = (v) => process.stdout.write(`${JSON.stringify(v)}\n`);
  line({ format: 'sitrep-recording', version: 1, host, kernel: '6.1.0', intervalMs: 2000, startedAt: now, stream });
  line({ kind: 'agent', pid: process.pid, parentPid: process.ppid, uid: 0, user: 'root', sshClients: [] });
  const good = { host, mount: '/', usedFraction: 0.5, secondsToFull: null, fillRate: null, topWriter: null, topWriterRate: null, crashes10m: 0, cpu: 0.1, load1: 0.5, volatileJournal: false, topRange: null };
  const bad = host === 'sshlab1' ? { ...good, load1: 'x', crashes10m: '\x1b[31mRED-CRASHES\x1b[0m' } : { ...good, mount: 5 };
  const timer = setInterval(() => line({ kind: 'summary', t: Date.now(), row: bad }), 1000);
  line({ kind: 'summary', t: Date.now(), row: bad });
  process.stdin.resume();
  process.stdin.on('end', () => {
    clearInterval(timer);
    process.exit(0);
  });
}
