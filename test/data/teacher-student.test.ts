import { describe, expect, it } from 'vitest';
import { generateTeacherStudent, type TeacherStudentOptions } from '../../src/data/teacher-student.ts';
import { createRng } from '../../src/random.ts';

const options = (over: Partial<TeacherStudentOptions> = {}): TeacherStudentOptions => ({ task: 'regression', inputDim: 4, teacherWidth: 6, samples: 4000, testSamples: 300, noise: 0, dtype: 'float64', ...over });

describe('generateTeacherStudent', () => {
  it('draws inputs from N(0, I): mean near 0 and variance near 1 over 16,000 draws', () => {
    const { train } = generateTeacherStudent(options(), createRng(1));
    const xs = Array.from(train.inputs);
    const m = xs.reduce((s, v) => s + v, 0) / xs.length;
    const variance = xs.reduce((s, v) => s + (v - m) ** 2, 0) / xs.length;
    // Standard errors: 1/√16000 ≈ 0.008 for the mean, √(2/16000) ≈ 0.011 for the variance.
    expect(Math.abs(m)).toBeLessThan(0.04);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('labels by the same teacher: classification labels are the signs of the regression targets, noise only on the training set', () => {
    const regression = generateTeacherStudent(options(), createRng(5));
    const classes = generateTeacherStudent(options({ task: 'classification' }), createRng(5));
    expect(Array.from(classes.train.inputs)).toEqual(Array.from(regression.train.inputs));
    expect(Array.from(classes.train.targets)).toEqual(Array.from(regression.train.targets, (f) => (f > 0 ? 1 : 0)));
    const noisy = generateTeacherStudent(options({ task: 'classification', noise: 0.2 }), createRng(5));
    const flipped = Array.from(noisy.train.targets).filter((y, n) => y !== classes.train.targets[n]).length / 4000;
    expect(Math.abs(flipped - 0.2)).toBeLessThan(0.03);
    expect(Array.from(noisy.test.targets)).toEqual(Array.from(classes.test.targets));
    const gaussian = generateTeacherStudent(options({ noise: 0.5 }), createRng(5));
    const residuals = Array.from(gaussian.train.targets, (y, n) => y - regression.train.targets[n]);
    const sd = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length);
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.03);
  });

  it('depends only on its streams: same seed, same data; another seed, other data; test and training inputs differ', () => {
    const a = generateTeacherStudent(options({ samples: 10 }), createRng(3));
    expect(generateTeacherStudent(options({ samples: 10 }), createRng(3))).toEqual(a);
    expect(generateTeacherStudent(options({ samples: 10 }), createRng(4)).train.inputs).not.toEqual(a.train.inputs);
    expect(Array.from(a.test.inputs.subarray(0, 4))).not.toEqual(Array.from(a.train.inputs.subarray(0, 4)));
    // More training samples extend the same stream: the first ten are unchanged.
    expect(Array.from(generateTeacherStudent(options({ samples: 20 }), createRng(3)).train.inputs.subarray(0, 40))).toEqual(Array.from(a.train.inputs));
  });
});
