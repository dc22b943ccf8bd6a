/**
 * A small client of the Prometheus HTTP API (node:http/https): one instant
 * query (`GET /api/v1/query`) with a timeout, a cap on the answer's size, and
 * the Authorization header read from a file (`--prometheus-auth FILE`:
 * `bearer TOKEN` or `basic USER:PASSWORD`), never from argv.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync, statSync } from 'node:fs';
import type { PromSample } from '../model/prometheus-rows.js';

/** The answer's size cap: 64 MiB (1,000 hosts take about 1 MiB). */
export const MAX_ANSWER_BYTES = 64 * 2 ** 20;

/** An instant query's vector, with the bytes it took; or why not. */
export type QueryAnswer = { readonly result: PromSample[]; readonly bytes: number } | { readonly error: string; readonly bytes: number };

/** The Authorization header from the auth file; throws with a message a person can act on. */
export function authHeader(file: string): { header: string; warning: string | null } {
  const mode = statSync(file).mode;
  const warning = mode & 0o077 ? `${file} is readable by others (mode ${(mode & 0o777).toString(8)}): chmod 600 it` : null;
  const text = readFileSync(file, 'utf8').trim();
  const m = /^(bearer|basic)\s+(\S.*)$/i.exec(text);
  if (!m) throw new Error(`${file}: expected 'bearer TOKEN' or 'basic USER:PASSWORD'`);
  const secret = m[2]!.trim();
  if (m[1]!.toLowerCase() === 'bearer') return { header: `Bearer ${secret}`, warning };
  if (!secret.includes(':')) throw new Error(`${file}: basic needs USER:PASSWORD`);
  return { header: `Basic ${Buffer.from(secret).toString('base64')}`, warning };
}

/** The URL's checks: http or https, no credentials inside (they would show in ps). */
export function checkUrl(url: string): URL | string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `--prometheus: not a URL: ${url}`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return '--prometheus needs an http:// or https:// URL';
  if (u.username || u.password) return '--prometheus: put credentials in --prometheus-auth FILE, not in the URL (argv is visible to every user)';
  return u;
}

/** Runs one instant query against `base` (the Prometheus URL, any path prefix kept). */
export function instantQuery(base: URL, query: string, options: { auth: string | null; timeoutMs: number }): Promise<QueryAnswer> {
  const url = new URL(`${base.pathname.replace(/\/$/, '')}/api/v1/query`, base);
  url.searchParams.set('query', query);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let bytes = 0;
    let settled = false;
    const done = (a: QueryAnswer) => {
      if (!settled) {
        settled = true;
        resolve(a);
      }
    };
    const req = request(url, { method: 'GET', headers: { Accept: 'application/json', ...(options.auth ? { Authorization: options.auth } : {}) }, timeout: options.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (bytes > MAX_ANSWER_BYTES) {
          req.destroy();
          done({ error: `answer over ${MAX_ANSWER_BYTES / 2 ** 20} MiB`, bytes });
        } else chunks.push(c);
      });
      res.on('error', (e) => done({ error: e.message, bytes }));
      res.on('end', () => {
        let body: { status?: string; error?: string; data?: { resultType?: string; result?: PromSample[] } };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return done({ error: `HTTP ${res.statusCode}: not a Prometheus answer`, bytes });
        }
        if (res.statusCode !== 200 || body.status !== 'success') return done({ error: `HTTP ${res.statusCode}: ${String(body.error ?? body.status)}`, bytes });
        if (body.data?.resultType !== 'vector' || !Array.isArray(body.data.result)) return done({ error: 'not a vector', bytes });
        done({ result: body.data.result, bytes });
      });
    });
    req.on('timeout', () => {
      req.destroy();
      done({ error: `no answer in ${options.timeoutMs / 1000} s`, bytes });
    });
    req.on('error', (e: NodeJS.ErrnoException) => done({ error: e.code ?? e.message, bytes }));
    req.end();
  });
}
