/**
 * seedgrad's public API: tensors, autograd ops, gradcheck and the gradient fuzzer, the
 * seeded RNG. Nothing else lives here.
 */
export { Tensor } from './tensor/tensor.ts';
export type { Dtype, FloatArray } from './tensor/dtype.ts';
export type { Shape } from './tensor/shape.ts';
export { tensor, zeros, ones, full, scalar, arange, randomUniform, randomNormal, cast, type CreateOptions } from './tensor/create.ts';
export * from './autograd/index.ts';
export { fuzzTarget, COMPOSITIONS, type FuzzReport, type FuzzOptions, type FuzzTarget } from './autograd/fuzz/runner.ts';
export { createRng, restoreRng, type Rng, type RngState } from './random.ts';
export { setBackend, backendInfo, closeBackend, type BackendChoice, type BackendInfo, type SetBackendOptions } from './backend/index.ts';
