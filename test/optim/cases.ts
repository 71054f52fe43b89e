/**
 * The one table of optimizer configurations that drives the generic tests: golden
 * PyTorch trajectories (for the torch cases, which name their fixture; the Keras cases
 * are checked by hand-worked steps instead), save–load–continue equality, convergence
 * on a quadratic, float32/float64 agreement, gradients left untouched, and rejection of
 * out-of-range hyperparameters.
 */
import type { Convention, OptimizerName, OptimizerOptions } from '../../src/optim/index.ts';

export interface OptimizerCase {
  readonly id: string;
  readonly optimizer: OptimizerName;
  readonly convention: Convention;
  readonly options: OptimizerOptions;
  /** test/fixtures/torch/<fixture>.json, produced by scripts/torch_golden.py. */
  readonly fixture?: string;
  /** A learning rate that solves the test quadratic in a few hundred steps. */
  readonly quadraticLearningRate: number;
  /** The parameters' names and shapes where the rule refuses helpers.ts's STANDARD_SHAPES (torch's Muon: matrices only). */
  readonly shapes?: readonly { name: string; shape: number[] }[];
}

const torch = (id: string, optimizer: OptimizerName, options: OptimizerOptions, quadraticLearningRate: number): OptimizerCase => ({
  id: `torch_${id}`, optimizer, convention: 'torch', options, fixture: id, quadraticLearningRate,
});
/** A torch ≥ 2.x setting that torch 1.13 lacks: no golden fixture; its own test file checks it against an independent reference. */
const torch2 = (id: string, optimizer: OptimizerName, options: OptimizerOptions, quadraticLearningRate: number): OptimizerCase => ({
  id: `torch_${id}`, optimizer, convention: 'torch', options, quadraticLearningRate,
});
const keras = (id: string, optimizer: OptimizerName, options: OptimizerOptions, quadraticLearningRate: number): OptimizerCase => ({
  id: `keras_${id}`, optimizer, convention: 'keras', options, quadraticLearningRate,
});
/** A torch case with no runnable PyTorch optimizer here (no fixture): its test file checks it against an independent float64 reference instead. */
const torchWithoutFixture = (id: string, optimizer: OptimizerName, options: OptimizerOptions, quadraticLearningRate: number): OptimizerCase => ({
  id: `torch_${id}`, optimizer, convention: 'torch', options, quadraticLearningRate,
});

/** Matrices wide, tall and square (torch's Muon takes nothing else). */
const MATRICES = [{ name: 'w', shape: [2, 3] }, { name: 'u', shape: [4, 2] }, { name: 'q', shape: [3, 3] }];

export const OPTIMIZER_CASES: readonly OptimizerCase[] = [
  torch('adam_default', 'adam', {}, 0.05),
  torch('adam_tuned_l2', 'adam', { learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1 }, 0.05),
  torch('amsgrad', 'adam', { learningRate: 0.01, amsgrad: true }, 0.05),
  torch('amsgrad_l2', 'adam', { learningRate: 0.005, amsgrad: true, weightDecay: 0.05 }, 0.05),
  torch('adamw_default', 'adamw', {}, 0.05),
  torch('adamw_amsgrad', 'adamw', { learningRate: 0.01, beta1: 0.85, beta2: 0.995, weightDecay: 0.1, amsgrad: true }, 0.05),
  torch('adamax_default', 'adamax', {}, 0.05),
  torch('adamax_l2', 'adamax', { learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-4, weightDecay: 0.1 }, 0.05),
  torch('nadam_default', 'nadam', {}, 0.05),
  torch('nadam_l2', 'nadam', { learningRate: 0.01, beta1: 0.85, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1 }, 0.05),
  torch('nadam_momentum_decay', 'nadam', { momentumDecay: 0.05 }, 0.05),
  torch('sgd_default', 'sgd', {}, 0.1),
  torch('sgd_momentum', 'sgd', { learningRate: 0.01, momentum: 0.9 }, 0.05),
  torch('sgd_nesterov', 'sgd', { learningRate: 0.01, momentum: 0.9, nesterov: true }, 0.05),
  torch('sgd_dampening_l2', 'sgd', { learningRate: 0.01, momentum: 0.8, dampening: 0.3, weightDecay: 0.01 }, 0.05),
  torch('rmsprop_default', 'rmsprop', {}, 0.01),
  torch('rmsprop_centered', 'rmsprop', { learningRate: 0.001, centered: true }, 0.01),
  torch('rmsprop_momentum', 'rmsprop', { learningRate: 0.001, rho: 0.95, momentum: 0.9 }, 0.01),
  torch('rmsprop_centered_momentum_l2', 'rmsprop', { learningRate: 0.001, centered: true, momentum: 0.5, weightDecay: 1e-3 }, 0.01),
  torch('adadelta_default', 'adadelta', {}, 10),
  torch('adadelta_l2', 'adadelta', { learningRate: 0.5, rho: 0.95, epsilon: 1e-7, weightDecay: 0.1 }, 10),
  torch('adagrad_default', 'adagrad', {}, 0.5),
  torch('adagrad_decay_l2', 'adagrad', { learningRate: 0.05, lrDecay: 0.01, weightDecay: 0.05, initialAccumulatorValue: 0.1, epsilon: 1e-6 }, 0.5),
  torch('rprop_default', 'rprop', {}, 0.01),
  torch('rprop_tuned', 'rprop', { learningRate: 0.05, etaMinus: 0.3, etaPlus: 1.5, stepSizeMin: 1e-3, stepSizeMax: 0.2 }, 0.05),
  torch('asgd_default', 'asgd', {}, 0.1),
  torch('asgd_averaging_l2', 'asgd', { learningRate: 0.05, lambd: 0.01, alpha: 0.5, t0: 10, weightDecay: 0.01 }, 0.1),
  torch('radam_default', 'radam', {}, 0.05),
  torch('radam_l2', 'radam', { learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1 }, 0.05),
  torch2('radam_decoupled', 'radam', { learningRate: 0.01, weightDecay: 0.1, decoupledWeightDecay: true }, 0.05),
  torch2('adafactor', 'adafactor', {}, 0.1),
  torch2('adafactor_decay_eps_d', 'adafactor', { learningRate: 0.5, weightDecay: 0.01, epsilon1: 1e-3, clipThreshold: 2 }, 0.5),
  torch2('nadam_decoupled', 'nadam', { learningRate: 0.01, weightDecay: 0.1, decoupledWeightDecay: true }, 0.05),
  // The table replays dense gradients: SparseAdam's dense pairing. Its sparse rule is checked against
  // torch (fixtures/torch/sparseadam/) in sparseadam.test.ts; lbfgs takes a closure, not gradients (lbfgs.test.ts).
  torchWithoutFixture('sparseadam_dense_adam', 'sparseadam', { denseAdam: true }, 0.05),

  keras('adam', 'adam', {}, 0.05),
  keras('amsgrad', 'adam', { amsgrad: true }, 0.05),
  keras('adamw', 'adamw', {}, 0.05),
  keras('adamw_amsgrad_clipnorm', 'adamw', { amsgrad: true, weightDecay: 0.01, clipNorm: 0.5 }, 0.05),
  keras('adamax', 'adamax', {}, 0.05),
  keras('nadam', 'nadam', {}, 0.05),
  keras('nadam_global_clip', 'nadam', { globalClipNorm: 1, weightDecay: 0.004 }, 0.05),
  keras('sgd', 'sgd', {}, 0.1),
  keras('sgd_momentum', 'sgd', { momentum: 0.9 }, 0.05),
  keras('sgd_nesterov_clipvalue', 'sgd', { momentum: 0.9, nesterov: true, clipValue: 0.5 }, 0.05),
  keras('rmsprop', 'rmsprop', {}, 0.01),
  keras('rmsprop_centered_momentum', 'rmsprop', { centered: true, momentum: 0.5, weightDecay: 0.01 }, 0.01),
  keras('adadelta', 'adadelta', {}, 10),
  keras('adafactor', 'adafactor', {}, 0.1),
  keras('adafactor_large_lr', 'adafactor', { learningRate: 0.5, relativeStep: false, weightDecay: 0.01, clipThreshold: 0.5 }, 0.5),
  keras('adagrad', 'adagrad', {}, 0.5),
  keras('adagrad_clipvalue_decay', 'adagrad', { initialAccumulatorValue: 0, epsilon: 1e-3, clipValue: 0.5, weightDecay: 0.01 }, 0.5),
  keras('adam_cosine_warmup', 'adam', {
    learningRate: { schedule: 'cosineDecay', initialLearningRate: 0, decaySteps: 300, warmupTarget: 0.05, warmupSteps: 20, alpha: 0.2 },
  }, 0.05),
  keras('sgd_piecewise', 'sgd', { learningRate: { schedule: 'piecewiseConstant', boundaries: [30, 60], values: [0.1, 0.05, 0.01] } }, 0.1),
  keras('lion', 'lion', {}, 0.01),
  keras('lion_decay_clipnorm', 'lion', { beta1: 0.8, beta2: 0.95, weightDecay: 0.1, clipNorm: 0.5 }, 0.01),
  torchWithoutFixture('lion_default', 'lion', {}, 0.01),
  torchWithoutFixture('lion_decoupled', 'lion', { learningRate: 1e-3, beta1: 0.85, beta2: 0.98, weightDecay: 0.5 }, 0.01),
  keras('lamb', 'lamb', {}, 0.02),
  keras('lamb_decay_global_clip', 'lamb', { beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.01, globalClipNorm: 1 }, 0.02),
  keras('ftrl', 'ftrl', {}, 0.5),
  keras('ftrl_regularised', 'ftrl', {
    learningRatePower: -0.7, initialAccumulatorValue: 0.5, l1RegularizationStrength: 0.001, l2RegularizationStrength: 0.001,
    l2ShrinkageRegularizationStrength: 0.001, beta: 0.5,
  }, 0.5),
  keras('adamw_schedulefree', 'adamw-schedulefree', {}, 0.05),
  keras('adamw_schedulefree_warmup_decay', 'adamw-schedulefree', { beta1: 0.8, warmupSteps: 10, weightDecay: 0.01, clipNorm: 1 }, 0.05),
  torchWithoutFixture('adamw_schedulefree', 'adamw-schedulefree', {}, 0.05),
  torchWithoutFixture('adamw_schedulefree_all', 'adamw-schedulefree', { learningRate: 0.01, weightDecay: 0.1, warmupSteps: 5, r: 1, weightLrPower: 1, innerMomentum: 0.9 }, 0.05),
  torchWithoutFixture('sgd_schedulefree', 'sgd-schedulefree', { learningRate: 0.1 }, 0.1),
  torchWithoutFixture('sgd_schedulefree_all', 'sgd-schedulefree', { momentum: 0.5, weightDecay: 0.01, warmupSteps: 5, r: 0.5, weightLrPower: 1 }, 0.1),
  torchWithoutFixture('adopt_default', 'adopt', {}, 0.02),
  torchWithoutFixture('adopt_l2', 'adopt', { learningRate: 0.01, beta1: 0.8, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.05 }, 0.02),
  torchWithoutFixture('adopt_decoupled', 'adopt', { learningRate: 0.01, weightDecay: 0.01, decouple: true }, 0.02),
  torchWithoutFixture('prodigy_default', 'prodigy', {}, 1),
  torchWithoutFixture('prodigy_decoupled_bias_correction', 'prodigy', { weightDecay: 0.01, useBiasCorrection: true, safeguardWarmup: true, growthRate: 1.05 }, 1),
  torchWithoutFixture('prodigy_l2_no_momentum', 'prodigy', {
    beta1: 0, beta2: 0.99, beta3: 0.9, epsilon: 1e-6, weightDecay: 0.01, decouple: false, d0: 1e-4, dCoef: 0.5,
  }, 0.1),
  keras('muon', 'muon', {}, 0.02),
  keras('muon_plain', 'muon', { nesterov: false, rmsRate: 0, excludeEmbeddings: false, adamLrRatio: 0.5, weightDecay: 0.01, adamWeightDecay: 0, clipNorm: 1 }, 0.02),
  { ...torchWithoutFixture('muon', 'muon', {}, 0.02), shapes: MATRICES },
  { ...torchWithoutFixture('muon_plain', 'muon', { learningRate: 0.01, nesterov: false, momentum: 0.9, weightDecay: 0.05, nsSteps: 3 }, 0.02), shapes: MATRICES },
];
