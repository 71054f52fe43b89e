/**
 * The safetensors format (huggingface/safetensors, used by PyTorch users to share
 * weights): an 8-byte little-endian header length N, N bytes of JSON
 * `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}`,
 * then the raw little-endian tensor bytes, offsets relative to the end of the header.
 */
import type { FloatArray } from '../../tensor/dtype.ts';

export interface NamedArray {
  readonly shape: readonly number[];
  readonly data: FloatArray;
}

const DTYPE_CODE = { float32: 'F32', float64: 'F64' } as const;

function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('safetensors: this machine is big-endian; only little-endian is supported');
}

export function encodeSafetensors(tensors: ReadonlyMap<string, NamedArray>, metadata: Record<string, string> = {}): Uint8Array {
  assertLittleEndian();
  const names = [...tensors.keys()].sort();
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const name of names) {
    const t = tensors.get(name)!;
    const dtype = t.data instanceof Float64Array ? DTYPE_CODE.float64 : DTYPE_CODE.float32;
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const name of names) {
    const data = tensors.get(name)!.data;
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), position);
    position += data.byteLength;
  }
  return out;
}

export interface DecodedSafetensors {
  readonly tensors: Map<string, NamedArray>;
  readonly metadata: Record<string, string>;
}

export function decodeSafetensors(bytes: Uint8Array, file = 'safetensors'): DecodedSafetensors {
  assertLittleEndian();
  const fail = (what: string): never => {
    throw new Error(`${file}: not a valid safetensors file: ${what}`);
  };
  if (bytes.length < 8) fail('shorter than its 8-byte header length');
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (headerLength > bytes.length - 8) fail(`header length ${headerLength} exceeds the file`);
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + headerLength)).toString('utf8'));
  } catch {
    return fail('the header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header is not a JSON object');
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, NamedArray>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const bytesPer = dtype === 'F32' ? 4 : dtype === 'F64' ? 8 : fail(`tensor '${name}' has dtype ${JSON.stringify(dtype)}; seedgrad reads F32 and F64`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`tensor '${name}' has shape ${JSON.stringify(shape)}; expected a list of integers >= 0`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) fail(`tensor '${name}' has data_offsets ${JSON.stringify(offsets)}; expected [begin, end]`);
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    const [begin, end] = offsets as [number, number];
    if (end - begin !== count * bytesPer || dataStart + end > bytes.length) fail(`tensor '${name}' has offsets [${begin}, ${end}] that do not fit shape [${String(shape)}] or the file`);
    const copy = bytes.slice(dataStart + begin, dataStart + end);
    const data = bytesPer === 4 ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer);
    tensors.set(name, { shape: shape as number[], data });
  }
  return { tensors, metadata };
}
