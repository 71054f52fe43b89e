/**
 * AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization"): Adam's rule
 * (adam.ts) after decoupled weight decay, which the `Optimizer` applies before the update:
 *
 *   keras: p ← p − p·wd·lr          torch: p ← p·(1 − lr·wd)          (weight-decay.ts)
 *
 * Only the defaults differ from Adam's: weight decay 0.004 (Keras) and 0.01 (torch).
 */
import { ADAM_RULE } from './adam.ts';
import { defineOptimizer } from './spec.ts';

export const adamw = defineOptimizer({
  ...ADAM_RULE,
  name: 'adamw',
  displayName: 'AdamW',
  citation: 'Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization"',
  defaults: {
    keras: { ...ADAM_RULE.defaults.keras, weightDecay: 0.004 },
    torch: { ...ADAM_RULE.defaults.torch, weightDecay: 1e-2 },
  },
  torchWeightDecay: 'decoupled',
});
