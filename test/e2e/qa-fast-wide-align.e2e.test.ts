/**
 * QA: a log line in Thai, or with conjoining Hangul jamo or a keycap, keeps the
 * panes' columns in a real terminal. tmux (like xterm and the Linux console)
 * gives each code point its wcwidth: 0 for a combining mark, 2 for a wide
 * one, else 1. sitrep measures a grapheme cluster as one unit, at most 2
 * cells (src/text/width.ts graphemeWidth, also the Terminal's cells): 'น้ำ'
 * (น + ้ + ำ, where ำ SARA AM is a spacing vowel) is 1 cell to sitrep and 2 to
 * tmux; 'ᄀᄀ' (two wide jamo in one cluster) 2 and 4; '1⃣' 2 and 1. Seen at
 * 120x40: the Log pane's right border moved on those rows, the CPU pane's row
 * beside it was cut or garbled ('tota8% … cores es'), and Thai text showed on
 * a neighbouring row. Lines of CJK cut at the edge are the control: they hold.
 */
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

/** Cells tmux gives the text: per code point, 0 for combining marks, 2 for the wide ranges this test uses, else 1. */
function cells(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (/[\p{Mn}\p{Me}]/u.test(ch)) continue;
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x1f300 && c <= 0x1faff);
    w += wide ? 2 : 1;
  }
  return w;
}

const TEXTS = [
  'plain ascii text',
  '漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字',
  'a漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字',
  'น้ำ ThaiWater น้ำ น้ำ',
  'สวัสดีครับ ขอบคุณ ภาษาไทย ทำงาน ตำรวจ',
  'ᄀᄀ jamo',
  'keycap 1⃣ 2⃣ 3⃣',
];

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/'))('wide and combining text in a log line', () => {
  it('keeps the Log pane border in its column on every row', async () => {
    const dir = `/srv/sitrep-qa-fast-align-${process.pid}`;
    mkdirSync(dir, { recursive: true });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = `${dir}/app.log`;
    const d = new Date();
    const stamp = `${d.toString().slice(4, 10)} ${d.toTimeString().slice(0, 8)}`;
    writeFileSync(file, TEXTS.map((t, i) => `${stamp} web app[${i + 1}]: ${t} then a long tail of text cut at the pane edge 0123456789 abcdefghij\n`).join(''));
    const s = new TmuxSession('qa-fast-align', 120, 40, `node ${SITREP} --log-file ${file}`);
    cleanups.push(() => s.kill());
    const screen = await s.waitFor((t) => TEXTS.every((_, i) => t.includes(`app[${i + 1}]:`)) && t.includes('╭─ CPU'), 15_000, 'the log lines');
    const rows = screen.split('\n').filter((r) => r.includes('app['));
    const plain = rows.find((r) => r.includes('app[1]:'))!;
    const border = cells(plain.slice(0, plain.indexOf('││')));
    const wrong = rows.filter((r) => !r.includes('││') || cells(r.slice(0, r.indexOf('││'))) !== border || cells(r) !== 120);
    expect(wrong, `rows whose Log border is not at cell ${border} (or that are not 120 cells)`).toEqual([]);
    s.send('q');
  });
});
