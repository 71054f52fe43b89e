/** The progress bar's ETA: its rate starts after the warm-up steps, so a slow first step does not inflate it. */
import { describe, expect, it } from 'vitest';
import { createEtaEstimator, formatDuration } from '../../src/cli/progress.ts';

describe('the ETA', () => {
  it('is right early in an epoch whose first step is slow (the reported case: 2.1 s epoch, ETA 29 s at 11/120)', () => {
    const eta = createEtaEstimator();
    // 120 steps: the first takes 1.5 s (compiling, allocating), then 5 ms each: 2.1 s in all.
    const at = (step: number) => (step === 0 ? 0 : 1500 + (step - 1) * 5);
    let estimate = Infinity;
    for (let step = 0; step <= 11; step++) estimate = eta(step, 120, at(step));
    expect(estimate).toBeCloseTo((120 - 11) * 0.005, 6);
  });

  it('says nothing (∞, shown as ?) until the warm-up is over, and starts over when done goes back', () => {
    const eta = createEtaEstimator(3);
    expect(eta(0, 10, 0)).toBe(Infinity);
    expect(eta(2, 10, 200)).toBe(Infinity);
    expect(eta(3, 10, 300)).toBe(Infinity); // the anchor
    expect(eta(5, 10, 500)).toBeCloseTo(0.5, 9);
    expect(eta(0, 10, 600)).toBe(Infinity); // a new epoch
    expect(formatDuration(Infinity)).toBe('?');
  });
});
