/** The landscape study's table does not credit a rule with a start's luck (issue 19 item 6). */
import { describe, expect, it } from 'vitest';
import { runLandscape } from '../../src/landscape/study.ts';
import { FUNCTION_NAMES, TEST_FUNCTIONS, minimaOf } from '../../src/landscape/functions.ts';
import { tableCells } from '../../src/landscape/summary.ts';

describe('lucky starts', () => {
  it("flags Adafactor's one-step arrival from the symmetric (−2, 2) on the noisy quadratic, which a second start does not repeat", () => {
    const [landscape] = runLandscape({ functions: ['noisy-quadratic'], optimizers: ['adafactor', 'sgd'], steps: 100, convention: 'keras', seed: 0, tolerance: 0.05, start: [-2, 2] });
    const adafactor = landscape!.rows[0]!;
    // lr 1 and the relative step: the first step is sign(g)·RMS(x) = (2, −2), onto the minimum.
    expect(adafactor.stepsToTolerance).toBe(1);
    expect(adafactor.luckyStart).toBe(true);
    expect(tableCells(landscape!.rows)[0]![2]).toBe('1 (lucky start)');
    expect(landscape!.rows[1]!.luckyStart).toBe(false);
  });

  it('starts every function at different distances from each minimum along the two axes', () => {
    for (const name of FUNCTION_NAMES) {
      const fn = TEST_FUNCTIONS[name];
      for (const m of minimaOf(fn)) expect(Math.abs(fn.start[0] - m.x), name).not.toBeCloseTo(Math.abs(fn.start[1] - m.y), 6);
    }
  });
});
