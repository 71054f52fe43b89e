/**
 * Elementary functions with the same bits on every JavaScript engine: fdlibm's algorithms
 * in float64 arithmetic, equal bit for bit to Node 20's Math.* (V8 11's fdlibm ports).
 * Math.exp, Math.log, Math.pow… are not one function across engines, so the engine calls
 * these instead wherever a seeded result must not depend on where it runs. Math.sqrt,
 * Math.abs and the other correctly rounded or exact operations are the same everywhere.
 */
export { cosine, sine } from './cos.ts';
export { sin, cos } from './trig.ts';
export { exp, expm1 } from './exp.ts';
export { log, log1p } from './log.ts';
export { log2 } from './log2.ts';
export { pow } from './pow.ts';
export { tanh } from './tanh.ts';
