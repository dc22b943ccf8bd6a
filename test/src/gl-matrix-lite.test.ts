import { describe, expect, it } from 'vitest';
// @ts-expect-error gl-matrix 2 ships no types
import * as glMatrix from 'gl-matrix';
import { mat2d, vec2 } from '../../ui/gl-matrix-lite.js';

describe('gl-matrix-lite', () => {
  it('computes what gl-matrix computes for every call the braille canvas makes', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 200 - 100;
    const real = glMatrix.mat2d;
    const realVec = glMatrix.vec2;
    let ours = mat2d.create();
    let theirs = real.create();
    expect([...ours]).toEqual([...theirs]);
    for (let i = 0; i < 500; i++) {
      const [x, y] = [rnd(), rnd()];
      const op = i % 4;
      if (op === 0) {
        mat2d.translate(ours, ours, vec2.fromValues(x, y));
        real.translate(theirs, theirs, realVec.fromValues(x, y));
      } else if (op === 1) {
        mat2d.rotate(ours, ours, x / 180 * Math.PI);
        real.rotate(theirs, theirs, x / 180 * Math.PI);
      } else if (op === 2) {
        mat2d.scale(ours, ours, vec2.fromValues(x / 50, y / 50));
        real.scale(theirs, theirs, realVec.fromValues(x / 50, y / 50));
      } else {
        ours = mat2d.clone(ours);
        theirs = real.clone(theirs);
      }
      expect([...ours]).toEqual([...theirs]);
      const p = vec2.transformMat2d(vec2.create(), vec2.fromValues(x, y), ours);
      const q = realVec.transformMat2d(realVec.create(), realVec.fromValues(x, y), theirs);
      expect([...p]).toEqual([...q]);
      if (i % 50 === 49) {
        ours = mat2d.create();
        theirs = real.create();
      }
    }
  });
});
