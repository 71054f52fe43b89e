/**
 * The kernel module's first four functions (packB, rows, maskColumnSums, adam) are, byte for
 * byte, the ones the backend emitted before its restructuring (test/fixtures/wasm/kernel-
 * module-d04e914.json, captured from main at d04e914 by the script recorded in it): the
 * same instructions, so the same bits from every kernel of the exact path. Functions added
 * since (packB32, rows32: the float32 accumulation; gatherRows, scatterAddRows, copyBlocks, multiply; sparseAdam; zero; keepMask; maskColumnSumsFrom; matvec32) come after them, and the name section
 * last. The text dump of every function is a reviewed snapshot (__snapshots__/kernels.wat).
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kernelFunctions, kernelModule, kernelModuleBytes } from '../../../src/backend/js/wasm-module.ts';
import { moduleText } from '../../../src/backend/js/wasm-text.ts';
import { uleb } from '../../../src/backend/js/wasm-writer.ts';

interface Captured {
  readonly length: number;
  readonly sha256: string;
  readonly hex: string;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/wasm/kernel-module-d04e914.json', import.meta.url), 'utf8')) as Record<'sharedMemory' | 'unsharedMemory', Captured>;

/** Reads an unsigned LEB128 at `at`: its value and the offset after it. */
function readUleb(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
}

/** The module's sections as [id, whole section bytes], in order (Core spec §5.5.2). */
function sections(bytes: Uint8Array): [number, Uint8Array][] {
  const out: [number, Uint8Array][] = [];
  for (let at = 8; at < bytes.length; ) {
    const [size, contentAt] = readUleb(bytes, at + 1);
    out.push([bytes[at]!, bytes.subarray(at, contentAt + size)]);
    at = contentAt + size;
  }
  return out;
}

/** The code section's function bodies (§5.5.13: a vector of size-prefixed bodies), each with its size prefix. */
function functionBodies(bytes: Uint8Array): Uint8Array[] {
  const code = sections(bytes).find(([id]) => id === 10)![1];
  const [, contentAt] = readUleb(code, 1);
  const [count, first] = readUleb(code, contentAt);
  const bodies: Uint8Array[] = [];
  for (let i = 0, at = first; i < count; i++) {
    const [size, bodyAt] = readUleb(code, at);
    bodies.push(code.subarray(at, bodyAt + size));
    at = bodyAt + size;
  }
  return bodies;
}

describe('the kernel module', () => {
  it.each([
    ['sharedMemory', true],
    ['unsharedMemory', false],
  ] as const)('keeps the function bodies captured before the restructuring, first and in order (%s)', (key, shared) => {
    const bytes = kernelModuleBytes(shared);
    const parts = sections(bytes);
    // One custom section (id 0), the last.
    expect(parts.map(([id]) => id)).toEqual([1, 2, 3, 7, 10, 0]);
    const want = Buffer.from(fixture[key].hex, 'hex');
    expect(createHash('sha256').update(want).digest('hex')).toBe(fixture[key].sha256); // the fixture is intact
    const capturedBodies = functionBodies(want);
    expect(capturedBodies).toHaveLength(4);
    const bodies = functionBodies(bytes);
    expect(bodies).toHaveLength(15);
    // The hex, so that a failure shows where the bytes part.
    for (let f = 0; f < capturedBodies.length; f++) expect(Buffer.from(bodies[f]!).toString('hex')).toBe(Buffer.from(capturedBodies[f]!).toString('hex'));
    // The memory import (section 2) is as captured, shared or not.
    expect(Buffer.from(parts[1]![1]).toString('hex')).toBe(Buffer.from(sections(want)[1]![1]).toString('hex'));
  });

  it('carries a name section with every function by name, in export order', () => {
    const module = kernelModule(true)!;
    const [names] = WebAssembly.Module.customSections(module, 'name');
    expect(names).toBeDefined();
    const bytes = new Uint8Array(names!);
    // Subsection 1 (function names) first: id, size, then a vector of (index, name).
    expect(bytes[0]).toBe(1);
    const [, vectorAt] = readUleb(bytes, 1);
    const [count, first] = readUleb(bytes, vectorAt);
    const found: string[] = [];
    for (let i = 0, at = first; i < count; i++) {
      const [index, lengthAt] = readUleb(bytes, at);
      const [length, textAt] = readUleb(bytes, lengthAt);
      expect(index).toBe(i);
      found.push(new TextDecoder().decode(bytes.subarray(textAt, textAt + length)));
      at = textAt + length;
    }
    expect(found).toEqual(['packB', 'rows', 'maskColumnSums', 'adam', 'packB32', 'rows32', 'gatherRows', 'scatterAddRows', 'copyBlocks', 'multiply', 'sparseAdam', 'zero', 'keepMask', 'maskColumnSumsFrom', 'matvec32']);
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(found);
    expect(uleb(count)).toEqual([15]);
  });

  it('names the kernel in a stack trace from inside it', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384, shared: true });
    const { packB } = new WebAssembly.Instance(kernelModule(true)!, { env: { memory } }).exports as { packB(...args: number[]): void };
    // Reading op(B) past the end of the memory traps inside packB.
    let stack = '';
    try {
      packB(65536 - 4, 1, 1, 1, 4, 0);
    } catch (error) {
      stack = (error as Error).stack ?? '';
    }
    expect(stack).toMatch(/out of bounds/);
    expect(stack).toMatch(/\bpackB\b/);
  });

  it('reads as its reviewed text: every function, instruction by instruction', async () => {
    await expect(moduleText(kernelFunctions())).toMatchFileSnapshot('__snapshots__/kernels.wat');
  });
});
