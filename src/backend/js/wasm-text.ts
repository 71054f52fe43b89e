/**
 * A WebAssembly function as text, in the WebAssembly text format (WAT, Core spec §6) as far
 * as the kernels use it: the signature with named parameters, the locals, then one
 * instruction a line, indented by block. The kernels' dump is a reviewed snapshot
 * (test/backend/js/__snapshots__/kernels.wat): a change to an emitter shows up there as a
 * readable diff.
 */
import { F32, F64, I32, I64, V128, type Value, type ValueType, type WasmFunction } from './wasm-writer.ts';

const TYPE_NAMES: Record<ValueType, string> = { [I32]: 'i32', [I64]: 'i64', [F32]: 'f32', [F64]: 'f64', [V128]: 'v128' };

function typeName(value: Value): string {
  return TYPE_NAMES[value.type];
}

/** One function: `(func $name (export "name") (param $p i32) … (local $l v128) … instructions )`. */
export function functionText(f: WasmFunction): string {
  const params = f.body.params.map((p) => `(param $${p.name} ${typeName(p)})`).join(' ');
  const locals = f.body.locals.map((l) => `  (local $${l.name} ${typeName(l)})`);
  return [`(func $${f.name} (export "${f.name}") ${params}`, ...locals, ...f.body.text, ')'].join('\n');
}

/** Every function of a module, in order, a blank line apart. */
export function moduleText(functions: readonly WasmFunction[]): string {
  return `${functions.map(functionText).join('\n\n')}\n`;
}
