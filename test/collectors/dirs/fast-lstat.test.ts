import { lstatSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync, linkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryStat, entryStatKind } from '../../../collectors/dirs/fast-lstat.js';
import { TaskQueue } from '../../../collectors/dirs/scan-children.js';

const root = mkdtempSync('/srv/sitrep-fast-lstat-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('entryStat (the scan loop lstat)', () => {
  it('gives lstatSync figures for a file, a hard-linked file, a directory, a symlink (not followed) and a missing name', () => {
    writeFileSync(join(root, 'file'), 'x'.repeat(12345));
    linkSync(join(root, 'file'), join(root, 'link'));
    mkdirSync(join(root, 'dir'));
    symlinkSync('/etc', join(root, 'sym'));
    for (const name of ['file', 'link', 'dir', 'sym', '.']) {
      const path = join(root, name);
      const got = entryStat(path)!;
      const want = lstatSync(path);
      expect({ dev: got.dev, ino: got.ino, nlink: got.nlink, size: got.size, blocks: got.blocks, mtimeMs: got.mtimeMs, dir: got.isDirectory() })
        .toEqual({ dev: want.dev, ino: want.ino, nlink: want.nlink, size: want.size, blocks: want.blocks, mtimeMs: want.mtimeMs, dir: want.isDirectory() });
    }
    expect(entryStat(join(root, 'missing'))).toBeUndefined();
    // Node 20 (this machine) takes the fast path; another runtime may fall back, with the same answers
    if (process.versions.node.startsWith('20.')) expect(entryStatKind()).toBe('binding');
    // as lstatSync: only a missing entry is undefined; ENOTDIR throws in both
    expect(() => entryStat(join(root, 'file', 'not-a-dir'))).toThrow(/ENOTDIR/);
    expect(() => lstatSync(join(root, 'file', 'not-a-dir'), { throwIfNoEntry: false })).toThrow(/ENOTDIR/);
  });
});

describe('TaskQueue (the scan children and the main thread share it)', () => {
  it('hands out every task once, in order, in batches that shrink as it empties', () => {
    const tasks = Array.from({ length: 100 }, (_, id) => ({ id, path: Buffer.from(`/t/${id}`) }));
    const queue = new TaskQueue(tasks, 2);
    const sizes: number[] = [];
    const got: number[] = [];
    for (let batch = queue.take(); batch.length > 0; batch = queue.take()) {
      sizes.push(batch.length);
      got.push(...batch.map((t) => t.id));
    }
    expect(got).toEqual(tasks.map((t) => t.id));
    expect(sizes[0]).toBe(13); // a quarter of 100 per walker, of 2
    expect(sizes.at(-1)).toBe(1);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
    expect(new TaskQueue(tasks, 2).take(1)).toHaveLength(1);
  });
});
