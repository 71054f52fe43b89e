/** Fuzz cases as values and as code: the tensors inside an argument list, and the list printed as TypeScript. */
import { Tensor } from '../../tensor/tensor.ts';
import { createRng } from '../../random.ts';
import { SeededStream } from '../input-spec.ts';

/** A tensor as TypeScript source that rebuilds it exactly (float64 numbers round-trip). */
export function tensorCode(t: Tensor): string {
  return `tensor([${Array.from(t.data, (v) => String(v)).join(', ')}], [${t.shape.join(', ')}], { dtype: '${t.dtype}' })`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/**
 * The tensors of `args` (at any depth: concat takes a list), in order of appearance, and
 * `args` with them replaced by others; a SeededStream becomes a fresh stream each time.
 */
export function withInputs(args: readonly unknown[]): { inputs: Tensor[]; substitute: (xs: readonly Tensor[]) => unknown[] } {
  const inputs: Tensor[] = [];
  const collect = (v: unknown): void => {
    if (v instanceof Tensor) inputs.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isRecord(v)) Object.values(v).forEach(collect);
  };
  args.forEach(collect);
  const substitute = (xs: readonly Tensor[]): unknown[] => {
    const swap = (v: unknown): unknown => {
      if (v instanceof Tensor) return xs[inputs.indexOf(v)];
      if (v instanceof SeededStream) return createRng(v.seed).fork(v.stream);
      if (Array.isArray(v)) return v.map(swap);
      if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
      return v;
    };
    return args.map(swap);
  };
  return { inputs, substitute };
}

/** `args` as TypeScript, the tensor inputs[i] named names[i]: `x0, [1, 2], { transposeA: true }`. */
export function renderArguments(args: readonly unknown[], inputs: readonly unknown[], names: readonly string[], render: (v: unknown) => string | undefined = () => undefined): string {
  const code = (v: unknown): string => {
    const special = render(v);
    if (special !== undefined) return special;
    if (inputs.includes(v)) return names[inputs.indexOf(v)];
    if (v instanceof SeededStream) return `createRng(${v.seed}).fork('${v.stream}')`;
    if (typeof v === 'string') return `'${v}'`;
    if (Array.isArray(v)) return `[${v.map(code).join(', ')}]`;
    if (isRecord(v)) return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${code(x)}`).join(', ')} }`;
    return String(v);
  };
  return args.map(code).join(', ');
}
