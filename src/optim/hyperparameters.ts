/**
 * The resolved numbers an update rule reads, by name. The `Optimizer` resolves all but
 * the learning rate once, from the user's options and the convention's defaults, and
 * hands each step a copy with that step's learning rate (a schedule's value, or the
 * constant). Each rule declares the subset it reads; a rule with an option of a new
 * name adds its field here.
 */

/** The formula switches that distinguish the two conventions (docs/optimizers.md §4). */
export interface FormulaSwitches {
  /**
   * Adam: Keras adds ε to √v before the bias correction (the paper's ε̂); torch adds it
   * to √v/√(1−β2^t) after.
   */
  readonly epsilonHat: boolean;
  /** Adamax: torch puts ε inside the max (`max(β2·u, |g|+ε)`); Keras adds it to u in the denominator. */
  readonly epsilonInMax: boolean;
  /** RMSprop and Adagrad: Keras takes `√(v + ε)`; torch takes `√v + ε`. */
  readonly epsilonInsideSqrt: boolean;
  /**
   * SGD and RMSprop momentum: Keras's buffer accumulates lr-scaled steps, torch's
   * accumulates raw directions and multiplies by lr at the end. The same for a constant
   * lr; different under a schedule. torch also seeds its SGD buffer with g on step 1.
   */
  readonly bufferHoldsStep: boolean;
  /**
   * Schedule-Free: Keras recovers x = (y − (1 − β1)·z)/β1 from the parameter and rebuilds
   * y = (1 − β1)·z + β1·x; torch moves y directly, y ← lerp(y, z, c) + lr·(β1(1 − c) − 1)·ĝ.
   */
  readonly yFromXAndZ: boolean;
  /**
   * Muon: Keras keeps m ← μ·m + g, divides by ‖U‖ + 1e-7 and scales the step by
   * rmsRate·√max(A, B); torch keeps m ← lerp(m, g, 1 − μ), divides by max(‖U‖, ε) and
   * scales by √max(1, A/B).
   */
  readonly muonKerasForm: boolean;
  /**
   * Adafactor: Keras adds ε1 to every g² before the factors (adafactor.ts); torch ≥ 2.5
   * uses ε1 only as a floor, of mean(R) and of V (as ε1²), and takes α from p before its
   * own weight decay (adafactor-torch.ts).
   */
  readonly epsilon1AsFloor: boolean;
}

export interface Hyperparameters extends FormulaSwitches {
  /** The learning rate for the current step (a schedule's value, or the constant). */
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly dampening: number;
  readonly rho: number;
  readonly centered: boolean;
  /** NAdam's ψ in μ_t = β1(1 − ½·0.96^(tψ)); Keras fixes it at 1, torch defaults to 4e-3. */
  readonly momentumDecay: number;
  readonly beta2Decay: number;
  readonly epsilon1: number;
  readonly epsilon2: number;
  readonly clipThreshold: number;
  readonly relativeStep: boolean;
  /** Adagrad (torch): lr_t = lr/(1 + (t − 1)·lrDecay); Keras has none (0). */
  readonly lrDecay: number;
  /** Adagrad and FTRL: the accumulator's value before the first step. */
  readonly initialAccumulatorValue: number;
  /** Rprop: a step size shrinks by etaMinus where the gradient changed sign, and grows by etaPlus where it kept it. */
  readonly etaMinus: number;
  readonly etaPlus: number;
  /** Rprop: the bounds of every step size. */
  readonly stepSizeMin: number;
  readonly stepSizeMax: number;
  /** FTRL's options (Keras's names, camelCase): the power of n in the step size (≤ 0) and the L1, L2 and L2-shrinkage strengths. */
  readonly learningRatePower: number;
  readonly l1RegularizationStrength: number;
  readonly l2RegularizationStrength: number;
  readonly l2ShrinkageRegularizationStrength: number;
  /** FTRL's β, added to √n in the paper's per-coordinate rate (Keras folds it into L2 as β/(2·lr)). */
  readonly beta: number;
  /** The weight decay, for a rule that applies its own (spec `torchWeightDecay`/`kerasWeightDecay: 'in-rule'`); 0 when off. */
  readonly weightDecay: number;
  /** Schedule-Free: steps of linear warm-up, lr·min(t/warmupSteps, 1). */
  readonly warmupSteps: number;
  /** Schedule-Free (torch): the averaging weight t^r·lr_max^weightLrPower. */
  readonly r: number;
  readonly weightLrPower: number;
  /** Schedule-Free AdamW (torch): β of an optional EMA of g inside the Adam step; 0 is none. */
  readonly innerMomentum: number;
  /** Muon (Keras): the Adam step of the parameters it does not orthogonalise. */
  readonly adamBeta1: number;
  readonly adamBeta2: number;
  readonly adamWeightDecay: number;
  readonly adamLrRatio: number;
  /** Muon: the Newton–Schulz polynomial aX + b(XXᵀ)X + c(XXᵀ)²X and its number of steps. */
  readonly muonA: number;
  readonly muonB: number;
  readonly muonC: number;
  readonly nsSteps: number;
  /** Muon (Keras): the update is scaled by rmsRate·√max(rows, cols); 0 leaves it unscaled (Keras's None). */
  readonly rmsRate: number;
  /** Muon (Keras): parameters whose name contains 'embedding' take the Adam step. */
  readonly excludeEmbeddings: boolean;
  /** ADOPT and Prodigy (torch): decoupled weight decay (true) or L2 on the gradient (false). */
  readonly decouple: boolean;
  /** ASGD: the decay λ of p ← p·(1 − λ·η), the power α of η_t = lr/(1 + λ·lr·t)^α, and the step t0 where averaging starts. */
  readonly lambd: number;
  readonly alpha: number;
  readonly t0: number;
  /** RAdam and NAdam (torch ≥ 2.x): weight decay p ← p·(1 − lr·wd) before the update, as AdamW, instead of L2 on g. */
  readonly decoupledWeightDecay: boolean;
  /** SparseAdam: a parameter whose gradient has no touched rows is updated by torch's Adam (the pairing torch users write) instead of refused. */
  readonly denseAdam: boolean;
  /** L-BFGS (torch.optim.LBFGS): iterations and evaluations per step (maxEval null: ⌊maxIter·5/4⌋), its stopping tolerances, memory and line search. */
  readonly maxIter: number;
  readonly maxEval: number | null;
  readonly toleranceGrad: number;
  readonly toleranceChange: number;
  readonly historySize: number;
  readonly lineSearchFn: 'strong_wolfe' | null;
  /** Prodigy: β3, the rate of its d estimate's averages (null: √β2, the reference's None). */
  readonly beta3: number | null;
  /** Prodigy: d's start, the coefficient of d̂, and the most d may grow per step (null: unbounded, the reference's inf). */
  readonly d0: number;
  readonly dCoef: number;
  readonly growthRate: number | null;
  /** Prodigy: Adam's bias correction in d·lr; and s accumulating d rather than d·lr (the reference's safeguard_warmup). */
  readonly useBiasCorrection: boolean;
  readonly safeguardWarmup: boolean;
}
