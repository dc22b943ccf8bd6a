import { describe, expect, it } from 'vitest';
import { BUSY_SHARE, BUSY_WINDOWS, turnsOn } from '../../src/app/optimizer-switch.js';

describe('the optimiser switch (issue 32)', () => {
  it('turns TurboFan on only after BUSY_WINDOWS busy windows in a row', () => {
    const busy = BUSY_SHARE + 0.05;
    const quiet = BUSY_SHARE / 2;
    expect(turnsOn([])).toBe(false);
    expect(turnsOn([busy])).toBe(BUSY_WINDOWS <= 1);
    expect(turnsOn(Array(BUSY_WINDOWS).fill(busy))).toBe(true);
    // a start-up burst (one busy window) then quiet: stays off
    expect(turnsOn([busy, quiet])).toBe(false);
    expect(turnsOn([quiet, ...Array(BUSY_WINDOWS).fill(busy)])).toBe(true);
    expect(turnsOn(Array(BUSY_WINDOWS).fill(BUSY_SHARE))).toBe(false);
  });
});
