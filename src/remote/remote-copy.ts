/**
 * The console's side of the host's script (remote-script.ts): it answers
 * the `SITREP-…` lines before the agent's stream. To a node it sends the
 * bundle; to a host without one, the sha256 of this sitrep's single
 * executable (this process, or dist/sitrep-linux-<arch> beside the bundle),
 * and, when the copy is allowed (--copy, or yes to the offer), the executable
 * gzipped, over the same ssh channel. Each step is reported in one line.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { arch as osArch } from 'node:os';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Handshake } from '../sources/remote-link.js';
import { executablePath } from '../app/executable.js';
import type { BundleGlobals } from '../stream/bundle-globals.js';

/** Whether to copy the executable to a host without node: ask first, always, or never. */
export type CopyMode = 'ask' | 'yes' | 'no';

/** `uname -m` of the machines this executable runs on. */
const UNAME: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64' };

/** The single executable this sitrep can send, or null (a bundle run by node with none built beside it). */
export function sendableExecutable(): string | null {
  const own = executablePath();
  if (own) return own;
  const bundle = (globalThis as BundleGlobals).__sitrepBundlePath;
  const beside = bundle ? join(dirname(bundle), `sitrep-linux-${osArch()}`) : null;
  return beside && existsSync(beside) ? beside : null;
}

/** The executable's sha256 and gzip, computed once per process (bound: one executable, ~35 MB). */
let memo: { path: string; sha: Promise<string>; gz: Promise<Buffer> | null } | null = null;
function payload(path: string) {
  if (memo?.path !== path) {
    const sha = new Promise<string>((resolve, reject) => {
      const h = createHash('sha256');
      createReadStream(path).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
    });
    memo = { path, sha, gz: null };
  }
  return memo;
}
async function gzipped(path: string): Promise<Buffer> {
  const m = payload(path);
  m.gz ??= readFile(path).then((b) => promisify(gzip)(b, { level: 6 }));
  return m.gz;
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** How a handshake talks to the person at the console. */
export interface CopyTalk {
  /** Says one line (what is sent, how big, when it arrived). */
  note(text: string): void;
  /** Offers the copy; resolves true to send. Absent: no one to ask. */
  ask?(question: string): Promise<boolean>;
}

/** The handshake for one link to `host`: `bundle` for a node there, the executable otherwise. */
export function copyHandshake(host: string, bundle: Buffer, mode: CopyMode, talk: CopyTalk): Handshake {
  const exe = sendableExecutable();
  let why: string | null = null;
  // Why there is no agent, should the host answer SITREP-NOCOPY (it then exits 127).
  let pending: string | null = null;
  let busy = false;
  // What the host said of its node ('node 18.19 is too old; sitrep needs 20.19'), when it has one it cannot use.
  let nodeWhy: string | null = null;
  const notFound = (extra: string) => `${host}: ${nodeWhy ?? 'node not found there (Node >= 20.19 is needed; --remote-node PATH names it)'}${extra}`;
  return {
    get busy() {
      return busy;
    },
    why: () => why,
    line(text, write) {
      const [word, arg] = text.split(' ');
      if (word === 'SITREP-NOCOPY') {
        why = pending ?? notFound('');
        return null;
      }
      if (word === 'SITREP-READY') {
        if (arg === 'node') write(Buffer.concat([Buffer.from(`SITREP-BUNDLE ${bundle.length + 1}\n`), bundle, Buffer.from('\n')]));
        else if (arg === 'cached') talk.note(`${host}: runs sitrep's executable from its cache (~/.cache/sitrep/): nothing sent`);
        else if (arg === 'copied') talk.note(`${host}: the executable arrived, its sha256 checked there`);
        return null;
      }
      if (word === 'SITREP-NEED') {
        const theirs = (arg ?? '').replace(/[^\w.-]/g, '').slice(0, 40);
        const said = text.split(' ').slice(2).join(' ');
        if (said && !said.startsWith('node: not found')) nodeWhy = said;
        if (!exe || UNAME[osArch()] !== theirs) {
          pending = notFound(!exe ? '; no single executable to copy here (npm run build:binary makes one)' : `; it is ${theirs}, and this sitrep's executable is ${UNAME[osArch()] ?? osArch()}`);
          write('none\n');
          return null;
        }
        if (mode === 'no') pending = notFound('; --no-copy: nothing was sent');
        busy = true;
        payload(exe).sha.then((sha) => write(`${sha}\n`), () => write('none\n')).finally(() => (busy = false));
        return null;
      }
      if (word === 'SITREP-SEND' && exe) {
        busy = true;
        void (async () => {
          const size = statSync(exe).size;
          const gz = await gzipped(exe);
          const sha = await payload(exe).sha;
          const what = `sitrep's executable (${mb(size)}; ${mb(gz.length)} gzip) into ~/.cache/sitrep/${sha.slice(0, 12)}…/ there`;
          const yes = mode === 'yes' || (talk.ask ? await talk.ask(`${host} has no Node >= 20.19. Copy ${what}? [y/N] `) : false);
          if (!yes) {
            pending = notFound(`; --copy sends ${what}`);
            write('SITREP-NO\n');
            return;
          }
          talk.note(`${host}: sending ${what}`);
          write(Buffer.concat([Buffer.from(`SITREP-BINARY ${gz.length}\n`), gz]));
        })().catch((error: unknown) => {
          pending = `${host}: the executable could not be read: ${error instanceof Error ? error.message : String(error)}`;
          write('SITREP-NO\n');
        }).finally(() => (busy = false));
        return null;
      }
      return `${host}: an unexpected line before the agent's header`;
    },
  };
}
