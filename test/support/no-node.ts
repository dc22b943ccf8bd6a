/**
 * A machine without Node, for the single executable's tests: a command run in
 * a private mount namespace (`unshare -m`) where every `node` on PATH (and
 * /usr/bin/node) has an empty, non-executable file mounted over it. The
 * mounts vanish with the namespace: nothing to undo on this machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_ROOT } from './loopfs.js';

/** Every node on this PATH, and /usr/bin/node. */
function nodes(): string[] {
  const found = (process.env.PATH ?? '').split(':').filter(Boolean).map((d) => join(d, 'node')).filter((f) => existsSync(f));
  return [...new Set(['/usr/bin/node', ...found].filter((f) => existsSync(f)).map((f) => realpathSync(f)))];
}

/** An empty file with no execute bit, what is mounted over each node. */
function emptyFile(): string {
  mkdirSync(TEST_ROOT, { recursive: true });
  const file = join(TEST_ROOT, 'no-node-empty');
  writeFileSync(file, '', { mode: 0o644 });
  return file;
}

/** The mount commands (argv arrays) that hide every node, in a mount namespace of one's own. */
export function hideNodeMounts(): string[][] {
  const empty = emptyFile();
  return nodes().map((n) => ['mount', '--bind', empty, n]);
}

/** Whether this machine can hide node (root, unshare, mount). */
export function canHideNode(): boolean {
  return process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
}

/**
 * A POSIX sh line that runs `argv` with node hidden: for tmux, or for
 * spawning through `sh -c`. Every word is single-quoted.
 */
export function noNodeLine(argv: readonly string[]): string {
  const q = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
  const empty = emptyFile();
  const mounts = nodes().map((n) => `mount --bind ${q(empty)} ${q(n)}`).join(' && ');
  const inner = `${mounts} && ! command -v node >/dev/null && exec ${argv.map(q).join(' ')}`;
  return `unshare -m --propagation private sh -c ${q(inner)}`;
}

/** Runs `argv` with node hidden; returns stdout (throws on a non-zero exit). */
export function runNoNode(argv: readonly string[], options: { timeout?: number; cwd?: string } = {}): string {
  return execFileSync('sh', ['-c', noNodeLine(argv)], { encoding: 'utf8', timeout: options.timeout ?? 60_000, cwd: options.cwd ?? '/', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });
}

/** The single executable for this machine's architecture. */
export const BINARY = resolve(`dist/sitrep-linux-${process.arch}`);

/**
 * Builds the executable (without its .xz: `npm run build:binary` makes that)
 * when it is missing or older than dist/sitrep.mjs; returns how long it took (ms).
 */
export function ensureBinary(): number {
  const bundle = resolve('dist/sitrep.mjs');
  if (existsSync(BINARY) && statSync(BINARY).mtimeMs >= statSync(bundle).mtimeMs) return 0;
  const started = Date.now();
  execFileSync(process.execPath, ['src/build/build-binary.mjs', '--no-xz'], { stdio: 'ignore', timeout: 300_000 });
  return Date.now() - started;
}
