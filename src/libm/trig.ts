/**
 * sin and cos for any x: libm's (fdlibm, the same bits on every engine) for
 * |x| ≤ 2^19·π/2 ≈ 823,550, Math's beyond it, where libm leaves out fdlibm's
 * large-argument reduction (no landscape or schedule goes there).
 */
import { cosine, sine } from './cos.ts';

const LIMIT = 2 ** 19 * (Math.PI / 2);

export const sin = (x: number): number => (Math.abs(x) <= LIMIT ? sine(x) : Math.sin(x));
export const cos = (x: number): number => (Math.abs(x) <= LIMIT ? cosine(x) : Math.cos(x));
