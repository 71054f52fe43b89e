/** The autograd layer: ops, the backward engine, grad mode, gradients of any order (grad, hvp) and gradcheck. */
import './backward.ts';

export * from './ops/index.ts';
export { backward } from './backward.ts';
export { touchedRows } from './touched-rows.ts';
export { jvp, type JvpResult } from './forward.ts';
export { noGrad, isGradEnabled } from './grad-mode.ts';
export { gradcheck, gradcheckParameters, describeWorst, type GradcheckOptions, type GradcheckResult, type GradcheckElement } from './gradcheck.ts';
export { opTable, findOp, type OpEntry, type FuzzCase } from './op-table.ts';
export { grad, hvp, hessianOperator, type GradOptions } from './grad.ts';
export { gradgradcheck } from './gradgradcheck.ts';
export { sharpness, type SharpnessOptions, type SharpnessResult } from './sharpness.ts';
