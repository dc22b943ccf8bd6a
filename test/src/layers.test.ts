/**
 * The layer rules (.dependency-cruiser.cjs) hold on the tree, and catch what
 * they are for: a violation planted in ui/, src/model/ or demo/ fails them.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const cruise = (...paths: string[]) =>
  spawnSync('npx', ['depcruise', ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { encoding: 'utf8' });

/** Writes `text` at `path` for the length of `run`, then removes it. */
function planted(path: string, text: string, run: () => void): void {
  writeFileSync(path, text);
  try {
    run();
  } finally {
    rmSync(path, { force: true });
  }
}

describe('layer rules (an allowlist, transitive where it matters)', () => {
  it('hold on the whole tree', () => {
    const r = cruise('src', 'ui', 'collectors', 'demo');
    expect(r.stdout + r.stderr).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  });

  it('fail a ui/ file that imports live actions', () => {
    planted('ui/zz-planted-violation.ts', "import { liveActions } from '../src/effects/live-actions.js';\nexport const planted = liveActions;\n", () => {
      const r = cruise('ui/zz-planted-violation.ts');
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/not-in-allowed: ui\/zz-planted-violation\.ts → src\/effects\/live-actions\.ts/);
      expect(r.stdout).toContain('ui-reaches-effects');
    });
  });

  it('fail the model importing node:fs, and a demo importing the live source', () => {
    planted('src/model/zz-planted-violation.ts', "import { readFileSync } from 'node:fs';\nexport const planted = readFileSync;\n", () => {
      const r = cruise('src/model/zz-planted-violation.ts');
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/not-in-allowed: src\/model\/zz-planted-violation\.ts → (node:)?fs/);
    });
    planted('demo/zz-planted-violation.ts', "import { liveSource } from '../src/sources/live-source.js';\nexport const planted = liveSource;\n", () => {
      const r = cruise('demo/zz-planted-violation.ts');
      expect(r.status).not.toBe(0);
      expect(r.stdout).toContain('demo-reaches-the-machine');
    });
  });

  it('fail a cycle, even one made of type-only imports', () => {
    planted('src/view/zz-planted-a.ts', "import type { B } from './zz-planted-b.js';\nexport interface A { readonly b: B | null }\n", () => {
      planted('src/view/zz-planted-b.ts', "import type { A } from './zz-planted-a.js';\nexport interface B { readonly a: A | null }\n", () => {
        const r = cruise('src/view/zz-planted-a.ts');
        expect(r.status).not.toBe(0);
        expect(r.stdout).toMatch(/no-circular: src\/view\/zz-planted-a\.ts → \s*src\/view\/zz-planted-b\.ts/);
      });
    });
  });
});
