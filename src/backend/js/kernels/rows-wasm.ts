/**
 * The memory-bound kernels in the module, four float32 lanes per instruction: the embedding
 * lookup's row gather and scatter-add (rows of a width > 0 and a multiple of 4), strided
 * block copies and the elementwise product. Copies and float32 operations in the TypeScript
 * loops' order (rows.ts), so the same bits: scatterAdd adds row i of the values into row
 * indices[i] for i ascending, each lane a float32 addition.
 *
 *   gatherRows(table, indices, count, rowBytes, out)      out row i ← table row indices[i]
 *   scatterAddRows(values, indices, count, rowBytes, out) out row indices[i] += values row i
 *   copyBlocks(src, srcStride, out, outStride, blocks, blockBytes)
 *                                                   block o: out + o·outStride ← src + o·srcStride
 *   multiply(a, b, out, bytes)                     out ← a·b elementwise (float32 products)
 *   zero(out, bytes)                               out ← 0 (+0.0 in every lane)
 *
 * All byte offsets into the memory; indices are int32 at `indices`; rowBytes = 4·width;
 * copyBlocks's strides and block sizes in bytes, multiples of 16 (concat and slice along
 * a matrix's columns).
 */
import { I32, defineFunction, type WasmFunction } from '../wasm-writer.ts';

const PARAMS = { from: I32, indices: I32, count: I32, rowBytes: I32, to: I32 } as const;

/** One of the two: `add` false copies table rows to out rows, true adds value rows into out rows. */
function rowsFunction(name: string, add: boolean): WasmFunction {
  return defineFunction(name, PARAMS, (f, { from, indices, count, rowBytes, to }) => {
    const [index, end, src, dst, rowEnd] = ['index', 'end', 'src', 'dst', 'rowEnd'].map((local) => f.local(I32, local));
    f.get(indices).tee(index).get(count).i32(4).i32Mul().i32Add().set(end);
    f.get(count).ifElse(() =>
      f.loop(() => {
        // gather: src = table + indices[i]·rowBytes, dst = out + i·rowBytes; scatter-add: the other way round.
        const indexed = () => f.get(index).i32Load().get(rowBytes).i32Mul();
        if (add) {
          f.get(from).set(src); // values advance row by row (below)
          f.get(to);
          indexed();
          f.i32Add().set(dst);
        } else {
          f.get(from);
          indexed();
          f.i32Add().set(src);
          f.get(to).set(dst);
        }
        f.get(src).get(rowBytes).i32Add().set(rowEnd);
        f.loop(() => {
          f.get(dst).get(src).v128Load(0);
          if (add) f.get(dst).v128Load(0).f32x4Add();
          f.v128Store(0);
          f.get(dst).i32(16).i32Add().set(dst);
          f.get(src).i32(16).i32Add().tee(src).get(rowEnd).i32LtU().brIf(0);
        });
        if (add) f.get(from).get(rowBytes).i32Add().set(from);
        else f.get(to).get(rowBytes).i32Add().set(to);
        f.get(index).i32(4).i32Add().tee(index).get(end).i32LtU().brIf(0);
      }),
    );
  });
}

export const gatherRowsFunction = (): WasmFunction => rowsFunction('gatherRows', false);
export const scatterAddRowsFunction = (): WasmFunction => rowsFunction('scatterAddRows', true);

export const copyBlocksFunction = (): WasmFunction =>
  defineFunction('copyBlocks', { src: I32, srcStride: I32, out: I32, outStride: I32, blocks: I32, blockBytes: I32 }, (f, { src, srcStride, out, outStride, blocks, blockBytes }) => {
    const [from, to, end] = ['from', 'to', 'end'].map((local) => f.local(I32, local));
    f.get(blocks).get(blockBytes).i32Mul().ifElse(() =>
      f.loop(() => {
        f.get(src).tee(from).get(blockBytes).i32Add().set(end);
        f.get(out).set(to);
        f.loop(() => {
          f.get(to).get(from).v128Load(0).v128Store(0);
          f.get(to).i32(16).i32Add().set(to);
          f.get(from).i32(16).i32Add().tee(from).get(end).i32LtU().brIf(0);
        });
        f.get(src).get(srcStride).i32Add().set(src);
        f.get(out).get(outStride).i32Add().set(out);
        f.get(blocks).i32(1).i32Sub().tee(blocks).brIf(0);
      }),
    );
  });

export const multiplyFunction = (): WasmFunction =>
  defineFunction('multiply', { a: I32, b: I32, out: I32, bytes: I32 }, (f, { a, b, out, bytes }) => {
    const end = f.local(I32, 'end');
    f.get(bytes).ifElse(() => {
      f.get(out).get(bytes).i32Add().set(end);
      f.loop(() => {
        f.get(out).get(a).v128Load(0).get(b).v128Load(0).f32x4Mul().v128Store(0);
        f.get(a).i32(16).i32Add().set(a);
        f.get(b).i32(16).i32Add().set(b);
        f.get(out).i32(16).i32Add().tee(out).get(end).i32LtU().brIf(0);
      });
    });
  });

export const zeroFunction = (): WasmFunction =>
  defineFunction('zero', { out: I32, bytes: I32 }, (f, { out, bytes }) => {
    const end = f.local(I32, 'end');
    f.get(bytes).ifElse(() => {
      f.get(out).get(bytes).i32Add().set(end);
      f.loop(() => {
        f.get(out).f32x4Splat(0).v128Store(0);
        f.get(out).i32(16).i32Add().tee(out).get(end).i32LtU().brIf(0);
      });
    });
  });
