import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../../src/experiment/run/safetensors.ts';

describe('safetensors', () => {
  const tensors = new Map([
    ['w', { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, -0]) }],
    ['b', { shape: [2], data: Float64Array.from([0.1, Number.MIN_VALUE]) }],
  ]);

  it('writes the documented layout: u64 little-endian header length, JSON header, aligned raw data', () => {
    const bytes = encodeSafetensors(tensors, { format: 'test' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + headerLength)).toString('utf8'));
    // Names sorted: b (2 × 8 bytes) first, then w (6 × 4 bytes).
    expect(header).toEqual({
      __metadata__: { format: 'test' },
      b: { dtype: 'F64', shape: [2], data_offsets: [0, 16] },
      w: { dtype: 'F32', shape: [2, 3], data_offsets: [16, 40] },
    });
    expect(bytes.length).toBe(8 + headerLength + 40);
    // The first float64 of b, read straight from the bytes.
    expect(new DataView(bytes.buffer).getFloat64(8 + headerLength, true)).toBe(0.1);
  });

  it('reads back every tensor to the bit', () => {
    const { tensors: back, metadata } = decodeSafetensors(encodeSafetensors(tensors, { epoch: '3' }));
    expect(metadata).toEqual({ epoch: '3' });
    expect(back.get('w')!.shape).toEqual([2, 3]);
    expect(Object.is(back.get('w')!.data[5], -0)).toBe(true);
    expect(back.get('w')!.data).toBeInstanceOf(Float32Array);
    expect(Array.from(back.get('b')!.data)).toEqual([0.1, Number.MIN_VALUE]);
  });

  it('refuses truncated or foreign files with the file name', () => {
    const bytes = encodeSafetensors(tensors);
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4), 'model.safetensors')).toThrow(/^model.safetensors: not a valid safetensors file: tensor 'w' has offsets/);
    expect(() => decodeSafetensors(new Uint8Array(4), 'x')).toThrow('x: not a valid safetensors file: shorter than its 8-byte header length');
    const withHeader = (header: unknown) => {
      const json = Buffer.from(JSON.stringify(header));
      const bytes = new Uint8Array(8 + json.length);
      new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
      bytes.set(json, 8);
      return bytes;
    };
    expect(() => decodeSafetensors(withHeader(null), 'x')).toThrow('x: not a valid safetensors file: the header is not a JSON object');
    expect(() => decodeSafetensors(withHeader({ w: { dtype: 'F32', data_offsets: [0, 0] } }), 'x')).toThrow("x: not a valid safetensors file: tensor 'w' has shape undefined; expected a list of integers >= 0");
    expect(() => decodeSafetensors(withHeader({ w: { dtype: 'I8', shape: [1], data_offsets: [0, 1] } }), 'x')).toThrow(/dtype "I8"; seedgrad reads F32 and F64/);
  });
});
