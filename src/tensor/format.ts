/** Readable printing: `Tensor(float32, [2,3])` and the values, with `...` past 6 per axis. */
import type { Tensor } from './tensor.ts';
import { stridesOf } from './shape.ts';
import { formatShape } from '../describe.ts';

const EDGE_ITEMS = 3;

function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e6) ? value.toExponential(4) : String(Number(value.toPrecision(6)));
}

export function formatTensor(t: Tensor): string {
  const header = `Tensor(${t.dtype}, ${formatShape(t.shape)}${t.requiresGrad ? ', requiresGrad' : ''}${t.name ? `, '${t.name}'` : ''})`;
  if (t.rank === 0) return `${header} ${formatNumber(t.data[0])}`;
  const strides = stridesOf(t.shape);
  const render = (axis: number, offset: number, indent: string): string => {
    const n = t.shape[axis];
    const indices = n > 2 * EDGE_ITEMS ? [0, 1, 2, -1, n - 3, n - 2, n - 1] : Array.from({ length: n }, (_, i) => i);
    if (axis === t.rank - 1) {
      return `[${indices.map((i) => (i < 0 ? '...' : formatNumber(t.data[offset + i]))).join(', ')}]`;
    }
    const rows = indices.map((i) => (i < 0 ? '...' : render(axis + 1, offset + i * strides[axis], indent + ' ')));
    return `[${rows.join(`,\n${indent} `)}]`;
  };
  return `${header}\n${render(0, 0, '')}`;
}
