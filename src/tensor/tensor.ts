/**
 * `Tensor`: a shape, a dtype and a contiguous row-major typed array.
 *
 * The tensor knows nothing of how gradients are computed; it only carries the slots the
 * autograd layer fills in (`requiresGrad`, `grad`, `gradFn`). `backward()` delegates to
 * the engine that src/autograd registers, as `torch.Tensor.backward` delegates to
 * `torch.autograd.backward`.
 */
import { type Dtype, type FloatArray, dtypeOf } from './dtype.ts';
import { type Shape, sizeOf, assertValidShape, stridesOf } from './shape.ts';
import { formatTensor } from './format.ts';
import { activeArena, type BufferArena } from './arena.ts';
import { formatShape } from '../describe.ts';

/** The record of the op that produced a tensor; defined by src/autograd, opaque here. */
export interface GradNode {
  readonly opName: string;
}

type BackwardEngine = (root: Tensor, seed?: Tensor) => void;
let backwardEngine: BackwardEngine | null = null;

/** Called once by src/autograd so that `tensor.backward()` works. */
export function registerBackwardEngine(engine: BackwardEngine): void {
  backwardEngine = engine;
}

export class Tensor {
  readonly shape: Shape;
  private storage: FloatArray;
  /** The arena whose buffer `storage` is, and the pass it was made in (src/tensor/arena.ts); null otherwise. */
  private readonly arena: BufferArena | null;
  private readonly generation: number;
  /** Whether gradients flow to this tensor; set on leaves by the user, on results by ops. */
  requiresGrad = false;
  /** The accumulated gradient after `backward()`; same shape and dtype as the tensor. */
  grad: Tensor | null = null;
  /** The op that made this tensor, when it was made under grad from inputs that need grad. */
  gradFn: GradNode | null = null;
  /** An optional name (parameters of a model have one); used in messages and checkpoints. */
  name: string | undefined;
  /** What fills `storage` on the first read of `data` (see `deferred`); null once it has run. */
  private pending: (() => void) | null = null;

  constructor(data: FloatArray, shape: Shape, name?: string) {
    assertValidShape(shape, 'Tensor');
    if (data.length !== sizeOf(shape)) {
      throw new Error(`Tensor: shape ${formatShape(shape)} needs ${sizeOf(shape)} elements, data has ${data.length}`);
    }
    this.shape = Object.freeze([...shape]);
    this.storage = data;
    const arena = activeArena();
    this.arena = arena !== null && arena.holds(data) ? arena : null;
    this.generation = this.arena?.generation ?? 0;
    this.name = name;
  }

  /**
   * Moves the elements into `array` (same dtype and length, bits copied) and reads them
   * there from now on: how a parameter moves to another backend's memory
   * (Module.placeParameters). Not for tensors made inside an arena.
   * @internal
   */
  moveStorage(array: FloatArray): void {
    if (dtypeOf(array) !== this.dtype || array.length !== this.size || this.arena !== null) {
      throw new Error(`moveStorage: ${formatShape(this.shape)} ${this.dtype} cannot move into a ${dtypeOf(array)} array of ${array.length}`);
    }
    array.set(this.storage);
    this.storage = array;
  }

  /**
   * A tensor over `storage` whose elements `fill` writes there when something first reads
   * `data`: how an op leaves its output open for the next op to fuse into it
   * (src/autograd/fusion.ts). Shape, dtype and size are known before.
   * @internal
   */
  static deferred(storage: FloatArray, shape: Shape, fill: () => void): Tensor {
    const t = new Tensor(storage, shape);
    t.pending = fill;
    return t;
  }

  /** Whether nothing has read the elements of a `deferred` tensor yet. @internal */
  get unread(): boolean {
    return this.pending !== null;
  }

  /** The elements, row-major. Throws for a tensor made in an arena pass that has since been reused. */
  get data(): FloatArray {
    if (this.pending !== null) {
      this.pending();
      this.pending = null;
    }
    // As `array`, written out: this getter is on every kernel's path.
    if (this.arena !== null && this.arena.generation !== this.generation) throw staleTensor(this, this.arena.generation - this.generation);
    return this.storage;
  }

  /** The storage without running a pending fill, checked against arena reuse. */
  private get array(): FloatArray {
    if (this.arena !== null && this.arena.generation !== this.generation) throw staleTensor(this, this.arena.generation - this.generation);
    return this.storage;
  }

  get dtype(): Dtype {
    return dtypeOf(this.array);
  }

  get size(): number {
    return this.array.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item: tensor of shape ${formatShape(this.shape)} has ${this.size} elements, not 1`);
    return this.data[0];
  }

  /** Nested arrays of numbers, as the tensor would be written by hand. */
  toArray(): unknown {
    const strides = stridesOf(this.shape);
    const build = (axis: number, offset: number): unknown => {
      if (axis === this.shape.length) return this.data[offset];
      return Array.from({ length: this.shape[axis] }, (_, i) => build(axis + 1, offset + i * strides[axis]));
    };
    return build(0, 0);
  }

  /** Marks the tensor as a leaf that accumulates gradients; returns it for chaining. */
  requireGrad(flag = true): this {
    if (this.gradFn !== null && !flag) {
      throw new Error('requireGrad(false): only leaf tensors can stop requiring grad; use detach()');
    }
    this.requiresGrad = flag;
    return this;
  }

  /** A tensor over the same data, cut from the graph (no gradFn, no grad). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, this.name);
  }

  /** A deep copy with its own data, cut from the graph. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape, this.name);
  }

  zeroGrad(): void {
    this.grad = null;
  }

  /**
   * Reverse-mode differentiation from this tensor. A scalar (one-element) tensor needs
   * no seed; any other needs `seed`, the gradient of some scalar with respect to it.
   */
  backward(seed?: Tensor): void {
    if (backwardEngine === null) throw new Error('backward: the autograd engine is not loaded (import seedgrad, not seedgrad/tensor)');
    backwardEngine(this, seed);
  }

  toString(): string {
    return formatTensor(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The error for reading a tensor whose arena buffer a later pass has reused. */
function staleTensor(t: Tensor, passesLater: number): Error {
  const what = `${t.name !== undefined ? `tensor '${t.name}'` : 'a tensor'} of shape ${formatShape(t.shape)}`;
  return new Error(
    `${what} was made inside withArena and its buffer has been reused ${passesLater} pass(es) later: ` +
      'read what you need before the arena\'s next pass, or copy it (cast(t, t.dtype)) inside the pass to keep it',
  );
}
