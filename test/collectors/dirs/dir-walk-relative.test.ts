import { linkSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walk } from '../../../collectors/dirs/dir-walk.js';
import { enter, walkRelative } from '../../../collectors/dirs/dir-walk-relative.js';

const root = mkdtempSync('/srv/sitrep-walk-rel-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(): string {
  const top = join(root, 'tree');
  for (let i = 0; i < 4; i++) {
    const d = join(top, `d${i}`, 'deeper', 'still');
    mkdirSync(d, { recursive: true });
    for (let f = 0; f < 5; f++) writeFileSync(join(d, `f${f}`), 'x'.repeat(f * 1500));
  }
  writeFileSync(join(top, 'shared'), 'y'.repeat(9000));
  linkSync(join(top, 'shared'), join(top, 'd0', 'link-to-shared'));
  symlinkSync('/etc', join(top, 'd1', 'to-etc'));
  // a name that is not valid UTF-8, with a file below it
  const odd = Buffer.concat([Buffer.from(join(top, 'd2') + '/'), Buffer.from([0x66, 0xff, 0x6f])]);
  mkdirSync(odd);
  writeFileSync(Buffer.concat([odd, Buffer.from('/inside')]), 'z'.repeat(5000));
  return top;
}

describe('walkRelative (the scan children walk from inside each directory)', () => {
  it('gives what the full-path walk gives: sizes, counts, hard links once, symlinks not followed, non-UTF-8 names', () => {
    const top = tree();
    const dev = lstatSync(top).dev;
    const cwd = process.cwd();
    const byName = walkRelative(top, dev);
    expect(process.cwd()).toBe(cwd);
    const byPath = walk(top, dev);
    expect({ ...byName, linked: byName.linked.length }).toEqual({ ...byPath, linked: byPath.linked.length });
    expect(byName.errors).toBe(0);
    expect(byName.files).toBe(4 * 5 + 1 + 1 + 1); // the hard link once, the symlink as a file
  });

  it('refuses a directory swapped for a symlink after its lstat, and is back in the parent', () => {
    const parent = join(root, 'swap');
    mkdirSync(join(parent, 'victim'), { recursive: true });
    mkdirSync(join(root, 'elsewhere'), { recursive: true });
    const seenAsDir = lstatSync(join(parent, 'victim'));
    rmSync(join(parent, 'victim'), { recursive: true });
    symlinkSync(join(root, 'elsewhere'), join(parent, 'victim'));
    const cwd = process.cwd();
    process.chdir(parent);
    try {
      expect(enter('victim', seenAsDir, parent, lstatSync(parent))).toBe('refused');
      expect(lstatSync('.').ino).toBe(lstatSync(parent).ino);
    } finally {
      process.chdir(cwd);
    }
  });
});
