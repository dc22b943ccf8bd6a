import { describe, expect, it } from 'vitest';
import { BUSY_RUN, GROW_TO_BYTES, mayGrow } from '../../src/app/young-gen.js';

describe('young generation sizing', () => {
  it('grows only after a sustained run of fast scavenges, never past its cap', () => {
    // start-up's burst (a dozen fast scavenges) must not grow it for good
    expect(mayGrow(12, 1 << 20)).toBe(false);
    expect(mayGrow(BUSY_RUN - 1, 1 << 20)).toBe(false);
    expect(mayGrow(BUSY_RUN, 1 << 20)).toBe(true);
    expect(mayGrow(BUSY_RUN * 10, GROW_TO_BYTES)).toBe(false);
    expect(mayGrow(0, 1 << 20)).toBe(false);
  });
});
