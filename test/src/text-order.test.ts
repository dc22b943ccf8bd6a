import { describe, expect, it } from 'vitest';
import { compareText, groupDigits } from '../../src/text/order.js';

describe('plain text order and digit grouping (no Intl)', () => {
  it('groups digits as en does', () => {
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 200000, -1234567, 98765432109]) expect(groupDigits(n)).toBe(n.toLocaleString('en'));
  });
  it('orders by code units, as strcmp orders bytes', () => {
    expect(['b', 'B', 'a', 'aa', '', 'A'].sort(compareText)).toEqual(['', 'A', 'B', 'a', 'aa', 'b']);
    expect(compareText('x', 'x')).toBe(0);
  });
});
