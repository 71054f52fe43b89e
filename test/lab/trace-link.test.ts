/** The trace input in the Lab's link: raw DEFLATE in base64url, read back by Node's zlib (an independent implementation), and refusals in one line. */
import { describe, expect, it } from 'vitest';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { compressTrace, decompressTrace, MAX_TRACE_LINK } from '../../src/lab/trace-link.ts';
import { decodeState } from '../../src/lab/url-state.ts';

const input = JSON.stringify({ optimizer: 'adam', convention: 'torch', options: { learningRate: 0.01 }, params: [{ name: 'w', shape: [3], data: [1, -2, 0.5] }], grads: Array.from({ length: 40 }, (_, s) => [[s, -s / 3, 1e-9 * s]]), note: 'ε ünïcode' });

describe('the trace input in a link', () => {
  it('is raw DEFLATE in base64url: zlib inflates it to the text, and it reads zlib\'s own', async () => {
    const token = await compressTrace(input);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(input.length);
    expect(inflateRawSync(Buffer.from(token, 'base64url')).toString('utf8')).toBe(input);
    expect(await decompressTrace(deflateRawSync(Buffer.from(input, 'utf8')).toString('base64url'))).toBe(input);
  });

  it('refuses what is not one, in one line', async () => {
    await expect(decompressTrace('ab+c')).rejects.toThrow('it is not base64url text');
    await expect(decompressTrace(Buffer.from('not deflate at all').toString('base64url'))).rejects.toThrow('it is not a compressed trace input (was the link cut short?)');
  });

  it('is kept by the URL up to the limit, and named beyond it', () => {
    expect(decodeState('trace=abc').state.trace).toBe('abc');
    const long = 'a'.repeat(MAX_TRACE_LINK + 1);
    const { state, problems } = decodeState(`trace=${long}`);
    expect(state.trace).toBeNull();
    expect(problems).toEqual([`the trace input (${MAX_TRACE_LINK + 1} characters) is over the link's limit of 16000`]);
  });
});
