/**
 * The slice of gl-matrix (2.8) that the braille canvas uses, for the bundle:
 * the whole library is 54 KB of the 690 KB that every start must parse.
 * Same layout (a 2x3 matrix as [a, b, c, d, tx, ty] in a Float32Array) and the
 * same arithmetic, checked against gl-matrix by test/src/gl-matrix-lite.test.ts.
 */
type Mat2d = Float32Array;
type Vec2 = Float32Array;

const read6 = (a: Mat2d): [number, number, number, number, number, number] => [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!];

/** 2x3 affine matrices, as gl-matrix's mat2d. */
export const mat2d = {
  create(): Mat2d {
    const out = new Float32Array(6);
    out[0] = 1;
    out[3] = 1;
    return out;
  },
  /** A copy of `a` (gl-matrix's clone takes one argument; the canvas passes two, and the first wins). */
  clone(a: Mat2d): Mat2d {
    return new Float32Array(a);
  },
  translate(out: Mat2d, a: Mat2d, v: Vec2): Mat2d {
    const [a0, a1, a2, a3, a4, a5] = read6(a);
    out[0] = a0; out[1] = a1; out[2] = a2; out[3] = a3;
    out[4] = a0 * v[0]! + a2 * v[1]! + a4;
    out[5] = a1 * v[0]! + a3 * v[1]! + a5;
    return out;
  },
  rotate(out: Mat2d, a: Mat2d, rad: number): Mat2d {
    const [a0, a1, a2, a3, a4, a5] = read6(a);
    const s = Math.sin(rad);
    const c = Math.cos(rad);
    out[0] = a0 * c + a2 * s;
    out[1] = a1 * c + a3 * s;
    out[2] = a0 * -s + a2 * c;
    out[3] = a1 * -s + a3 * c;
    out[4] = a4;
    out[5] = a5;
    return out;
  },
  scale(out: Mat2d, a: Mat2d, v: Vec2): Mat2d {
    const [a0, a1, a2, a3, a4, a5] = read6(a);
    out[0] = a0 * v[0]!; out[1] = a1 * v[0]!; out[2] = a2 * v[1]!; out[3] = a3 * v[1]!;
    out[4] = a4; out[5] = a5;
    return out;
  },
};

/** 2-vectors, as gl-matrix's vec2. */
export const vec2 = {
  create: (): Vec2 => new Float32Array(2),
  fromValues(x: number, y: number): Vec2 {
    const out = new Float32Array(2);
    out[0] = x;
    out[1] = y;
    return out;
  },
  transformMat2d(out: Vec2, a: Vec2, m: Mat2d): Vec2 {
    const x = a[0]!;
    const y = a[1]!;
    out[0] = m[0]! * x + m[2]! * y + m[4]!;
    out[1] = m[1]! * x + m[3]! * y + m[5]!;
    return out;
  },
};
