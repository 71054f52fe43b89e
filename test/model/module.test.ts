/** Module: where its parameters live, and moving them to the backend chosen after the model was built. */
import { afterAll, describe, expect, it } from 'vitest';
import { Recommender } from '../../src/model/neumf.ts';
import { createRng } from '../../src/random.ts';
import { setBackend } from '../../src/backend/select.ts';
import { placedByActiveBackend } from '../../src/tensor/parameter.ts';

afterAll(() => setBackend('js'));

describe('Module.placeParameters', () => {
  it('moves parameters made under an earlier backend to the active one, bit for bit; a second call moves nothing', async () => {
    await setBackend('js', { threads: 1 });
    const model = new Recommender({ kind: 'neumf', numUsers: 9, numItems: 13, embedDim: 4, dropout: 0.2, dtype: 'float32' }, createRng(3));
    const before = model.namedParameters().map(([name, t]) => [name, [...t.data]] as const);
    expect(model.parameters().every((t) => placedByActiveBackend(t.data))).toBe(true);

    await setBackend('js', { threads: 2 }); // a new backend: the model's arrays are the old one's
    expect(model.parameters().some((t) => placedByActiveBackend(t.data))).toBe(false);
    expect(model.placeParameters()).toBe(model.parameters().length);
    expect(model.parameters().every((t) => placedByActiveBackend(t.data))).toBe(true);
    expect(model.namedParameters().map(([name, t]) => [name, [...t.data]] as const)).toEqual(before);
    expect(model.placeParameters()).toBe(0);
  });
});
