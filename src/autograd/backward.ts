/**
 * Reverse-mode accumulation over the recorded graph. The walk is iterative (deep graphs
 * must not overflow the stack) and visits only tensors that require grad.
 */
import { Tensor, registerBackwardEngine } from '../tensor/tensor.ts';
import { addSameShape } from '../tensor/elementwise.ts';
import { copyData } from '../tensor/dtype.ts';
import { isFreshGradient } from './fresh-gradients.ts';
import { sameShape } from '../tensor/shape.ts';
import { full } from '../tensor/create.ts';
import type { Node } from './op.ts';
import { noGrad } from './grad-mode.ts';
import { closeFusionWindow } from './fusion.ts';
import { keepTouchedRows, sumTouchedRows } from './touched-rows.ts';
import { formatShape } from '../describe.ts';

/** Tensors reachable from `root` through recorded ops, each after all its consumers. */
export function reverseTopologicalOrder(root: Tensor): Tensor[] {
  const postorder: Tensor[] = [];
  const visited = new Set<Tensor>([root]);
  const stack: { tensor: Tensor; next: number }[] = [{ tensor: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = (top.tensor.gradFn as Node | null)?.inputs ?? [];
    if (top.next < inputs.length) {
      const input = inputs[top.next++];
      if (input.requiresGrad && !visited.has(input)) {
        visited.add(input);
        stack.push({ tensor: input, next: 0 });
      }
    } else {
      postorder.push(top.tensor);
      stack.pop();
    }
  }
  return postorder.reverse();
}

/** a + b, keeping the rows an embedding lookup touched where both are so marked (touched-rows.ts). */
const add = (a: Tensor, b: Tensor): Tensor => sumTouchedRows(a, b, addSameShape(a, b));

/** Throws, naming the op, when the gradient an op gave its input i does not match that input's shape and dtype. */
export function checkInputGradient(caller: string, node: Node, i: number, g: Tensor): void {
  const input = node.inputs[i];
  if (!sameShape(g.shape, input.shape) || g.dtype !== input.dtype) {
    throw new Error(
      `${caller}: op '${node.opName}' gave input ${i} a ${g.dtype} gradient of shape ${formatShape(g.shape)}, ` +
        `but the input is ${input.dtype} ${formatShape(input.shape)}`,
    );
  }
}


export function backward(root: Tensor, seed?: Tensor): void {
  if (!root.requiresGrad) {
    throw new Error('backward: this tensor does not require grad (no input of the ops that made it has requiresGrad)');
  }
  if (seed === undefined && root.size !== 1) {
    throw new Error(`backward: a tensor of shape ${formatShape(root.shape)} needs an explicit gradient seed; only one-element tensors default to 1`);
  }
  const rootGrad = seed ?? full(root.shape, 1, { dtype: root.dtype });
  if (!sameShape(rootGrad.shape, root.shape) || rootGrad.dtype !== root.dtype) {
    throw new Error(`backward: seed ${rootGrad.dtype} ${formatShape(rootGrad.shape)} does not match the tensor's ${root.dtype} ${formatShape(root.shape)}`);
  }
  closeFusionWindow();
  const pending = new Map<Tensor, Tensor>([[root, rootGrad]]);
  noGrad(() => {
    for (const tensor of reverseTopologicalOrder(root)) {
      const grad = pending.get(tensor);
      pending.delete(tensor);
      if (grad === undefined) continue;
      const node = tensor.gradFn as Node | null;
      if (node === null) {
        // A leaf: accumulate across backward() calls, as PyTorch does. The stored
        // gradient is a copy, because ops may hand the same tensor to several inputs,
        // unless its op made it for this input alone (fresh-gradients.ts).
        if (tensor.grad !== null) tensor.grad = add(tensor.grad, grad);
        else tensor.grad = isFreshGradient(grad) ? grad : keepTouchedRows(grad, new Tensor(copyData(grad.data), grad.shape));
        continue;
      }
      const inputGrads = node.backward(grad);
      node.inputs.forEach((input, i) => {
        const g = inputGrads[i];
        if (!input.requiresGrad || g === null || g === undefined) return;
        checkInputGradient('backward', node, i, g);
        const previous = pending.get(input);
        pending.set(input, previous === undefined ? g : add(previous, g));
      });
    }
  });
}

registerBackwardEngine(backward);
