/**
 * The kernel module's bytes are the ones the backend emitted before its restructuring
 * (test/fixtures/wasm/kernel-module-d04e914.json, captured from main at d04e914 by the
 * script recorded in it): the same instructions, so the same bits from every kernel.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { matmulModuleBytes } from '../../../src/backend/js/wasm-matmul.ts';

interface Captured {
  readonly length: number;
  readonly sha256: string;
  readonly hex: string;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/wasm/kernel-module-d04e914.json', import.meta.url), 'utf8')) as Record<'sharedMemory' | 'unsharedMemory', Captured>;

describe('the kernel module', () => {
  it.each([
    ['sharedMemory', true],
    ['unsharedMemory', false],
  ] as const)('equals the bytes captured before the restructuring (%s)', (key, shared) => {
    const bytes = matmulModuleBytes(shared);
    const want = fixture[key];
    // The hex first, so that a failure shows where the bytes part.
    expect(Buffer.from(bytes).toString('hex')).toBe(want.hex);
    expect(bytes.length).toBe(want.length);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(want.sha256);
  });
});
