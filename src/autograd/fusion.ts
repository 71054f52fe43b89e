/**
 * Fusion below the model code: the model writes dropout(dense(x)) as PyTorch would, and
 * the two ops run as one. dense leaves its output deferred (Tensor.deferred: computed on
 * its first read) and opens a window offering the op that follows a fused version of both;
 * dropout takes it when its input is that output, still unread. The fused op draws the
 * mask first, then runs dense's kernel with the mask applied inside it: the bits and the
 * draws of dense then dropout, with no pass of its own over the output
 * (src/autograd/ops/dense.ts).
 *
 * The window is one op long: applying any other op, or backward(), computes the deferred
 * output, as does reading it. (An output that was fused away is computed only if read,
 * from its inputs as they are then.)
 */
import type { Tensor } from '../tensor/tensor.ts';
import type { Rng } from '../random.ts';

interface Offer {
  readonly output: Tensor;
  readonly withDropout: (rate: number, rng: Rng) => Tensor;
}

let open: Offer | null = null;

/** Opens the window for `output`, closing any other. */
export function offerDropoutFusion(output: Tensor, withDropout: Offer['withDropout']): void {
  closeFusionWindow();
  open = { output, withDropout };
}

/** The fused result of dropout on `input`, when `input` is the open, unread output; undefined otherwise. */
export function fuseDropout(input: Tensor, rate: number, rng: Rng): Tensor | undefined {
  if (open === null || open.output !== input || !input.unread) return undefined;
  const { withDropout } = open;
  open = null;
  return withDropout(rate, rng);
}

/** Computes the open output, if any, and closes the window. */
export function closeFusionWindow(): void {
  if (open === null) return;
  const { output } = open;
  open = null;
  void output.data;
}
