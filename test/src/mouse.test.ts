import { describe, expect, it } from 'vitest';
import { parseMouse } from '../../src/view/mouse.js';

describe('SGR mouse reports (issue 35)', () => {
  it('splits presses, releases and wheel steps out of the input, 0-based; keys stay', () => {
    const { events, rest } = parseMouse('j\x1b[<0;31;12M\x1b[<0;31;12m\x1b[<65;5;6M\x1b[<64;5;6MK\x1b[<35;2;2M');
    expect(events).toEqual([
      { kind: 'press', button: 0, x: 30, y: 11 },
      { kind: 'release', button: 0, x: 30, y: 11 },
      { kind: 'wheel-down', button: 65, x: 4, y: 5 },
      { kind: 'wheel-up', button: 64, x: 4, y: 5 },
    ]);
    expect(rest).toBe('jK');
    expect(parseMouse('\x1b[A').rest).toBe('\x1b[A');
  });
});
