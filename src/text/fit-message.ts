/**
 * A message fitted to a width by shortening its paths in the middle first
 * (`/var/lib/…/cache-0001.gz`): the verb and the result around a path stay
 * whole, which cutting the end would lose. Pure.
 */
import { displayWidth } from './width.js';

/** Absolute paths with at least two components ('/var/log/syslog', not '/'). */
const PATH = /\/[^\s/:,;()'"]+(?:\/[^\s/:,;()'"]*)+/g;

/** Paths this short ('/dev/kmsg', '/var/log/syslog') stay whole: cutting them saves a few cells and loses what they name. */
const KEEP_WHOLE = 20;

/** `path` in at most `width` cells, its basename kept: '/var/lib/do…/x.log', or '…/x.log' at the least. */
export function shortenPath(path: string, width: number): string {
  if (displayWidth(path) <= width) return path;
  const cut = path.lastIndexOf('/', path.length - 2);
  const base = path.slice(cut);
  const head = width - displayWidth(base) - 1;
  return head <= 0 ? `…${base}` : `${[...path.slice(0, cut)].slice(0, head).join('')}…${base}`;
}

/**
 * `text` shortened towards `width` by cutting its paths in the middle, the
 * longest first (a path of KEEP_WHOLE cells or fewer stays whole); it may still be wider when its paths are all down to their
 * basenames (the caller cuts the end then).
 */
export function fitMessage(text: string, width: number): string {
  let out = text;
  const paths = [...new Set(text.match(PATH) ?? [])].filter((p) => displayWidth(p) > KEEP_WHOLE).sort((a, b) => b.length - a.length);
  for (const path of paths) {
    const over = displayWidth(out) - width;
    if (over <= 0) break;
    out = out.split(path).join(shortenPath(path, Math.max(1, displayWidth(path) - over)));
  }
  return out;
}
