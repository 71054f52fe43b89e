/** The creation functions name the argument at fault in one line, instead of failing deep inside. */
import { describe, expect, it } from 'vitest';
import { cast, full, ones, randomNormal, randomUniform, tensor, zeros } from '../../src/tensor/create.ts';

const oneLine = (f: () => unknown, message: RegExp) => {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TypeError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toContain('\n');
};

describe('tensor creation arguments', () => {
  it("says that tensor's second argument is the shape when options are given there", () => {
    // @ts-expect-error: a natural first guess, as PyTorch's torch.tensor(data, requires_grad=True)
    oneLine(() => tensor([1, 2, 3], { requiresGrad: true }), /^tensor: the second argument is the shape .*got an object \{requiresGrad\}; options go third/);
    // @ts-expect-error: a number is not a shape
    oneLine(() => tensor([1, 2, 3], 3), /^tensor: the second argument is the shape .*got number 3$/);
  });

  it('names unknown or mistyped options and a bad first argument', () => {
    // @ts-expect-error: misspelt option
    oneLine(() => tensor([1], undefined, { requireGrad: true }), /^tensor: unknown option 'requireGrad' \(options: dtype, requiresGrad, name\)/);
    // @ts-expect-error: requiresGrad must be boolean
    oneLine(() => zeros([2], { requiresGrad: 'yes' }), /^zeros: option requiresGrad must be true or false, got the string "yes"/);
    // @ts-expect-error: a string is not data
    oneLine(() => tensor('1,2,3'), /^tensor: the first argument must be a number, a nested array/);
    // @ts-expect-error: a shape, not a number
    oneLine(() => ones(3), /^ones: shape must be a list of dimensions such as \[2, 3\], got number 3/);
    // @ts-expect-error: the value is a number
    oneLine(() => full([2], '1'), /^full: the second argument is the fill value/);
    // @ts-expect-error: the stream comes second
    oneLine(() => randomUniform([2], 42), /^randomUniform: the second argument \(the random stream\) must be a random stream from createRng\(seed\)/);
    // @ts-expect-error: the stream comes second
    oneLine(() => randomNormal([2]), /^randomNormal: the second argument \(the random stream\) must be/);
    // @ts-expect-error: not a tensor
    oneLine(() => cast([1, 2], 'float64'), /^cast: the first argument must be a Tensor, got an array of 2/);
  });

  it('still takes every valid form', () => {
    expect(tensor([1, 2, 3], undefined, { requiresGrad: true }).requiresGrad).toBe(true);
    expect(tensor([1, 2, 3, 4], [2, 2]).shape).toEqual([2, 2]);
    expect(tensor(new Float64Array(2)).dtype).toBe('float64');
    expect(zeros([2], { dtype: 'float64', name: 'z' }).name).toBe('z');
  });
});
