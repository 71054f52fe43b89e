/** The autograd layer: ops, the backward engine, grad mode and gradcheck. */
import './backward.ts';

export * from './ops/index.ts';
export { backward } from './backward.ts';
export { jvp, type JvpResult } from './forward.ts';
export { noGrad, isGradEnabled } from './grad-mode.ts';
export { gradcheck, gradcheckParameters, describeWorst, type GradcheckOptions, type GradcheckResult, type GradcheckElement } from './gradcheck.ts';
export { opTable, findOp, type OpEntry, type FuzzCase } from './op-table.ts';
