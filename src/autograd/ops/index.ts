/** Every op family; importing this module fills the op table. */
export * from './arithmetic.ts';
export * from './unary.ts';
export * from './compare.ts';
export * from './reduce.ts';
export * from './linalg.ts';
export * from './dense.ts';
export * from './shape.ts';
export * from './gather.ts';
export * from './dropout.ts';
export * from './loss.ts';
export type { TensorLike, Ties, TiesOption } from './operand.ts';
