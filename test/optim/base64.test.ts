/** base64 without Buffer (browsers have none) gives Node's Buffer text, byte for byte. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64ToBytes, bytesToBase64 } from '../../src/optim/base64.ts';

describe('base64', () => {
  it("encodes as Node's Buffer does and decodes back, for any bytes (past one chunk too)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000, size: 'max' }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
      { numRuns: 30, seed: 1 },
    );
  });

  it('says null for text that is not base64', () => {
    expect(base64ToBytes('not base64!')).toBeNull();
    expect(base64ToBytes('QUJD')).toEqual(new Uint8Array([65, 66, 67]));
  });
});
