/**
 * `Module`: a layer or model with named parameters, child modules and a train/eval mode.
 * Parameter names are dotted paths (`mlp.dense0.kernel`), which is how optimizers key
 * their state and checkpoints key their tensors.
 */
import { Tensor } from '../tensor/tensor.ts';
import { parameterArray, parameterCopy, placedByActiveBackend, releaseParameterArray } from '../tensor/parameter.ts';
import type { Rng, RngState } from '../random.ts';
import { restoreRng } from '../random.ts';

export abstract class Module {
  private mode: 'train' | 'eval' = 'train';
  private readonly params = new Map<string, Tensor>();
  private readonly children = new Map<string, Module>();
  private readonly streams = new Map<string, { rng: Rng }>();

  get training(): boolean {
    return this.mode === 'train';
  }

  /**
   * Registers a trainable tensor under `name`, requiring grad, as a copy placed where the
   * active backend's kernels and threads can update it in place (src/tensor/parameter.ts).
   * Returns the registered tensor.
   */
  protected addParameter(name: string, value: Tensor): Tensor {
    if (this.params.has(name) || this.children.has(name)) throw new Error(`Module: '${name}' is registered twice`);
    const parameter = new Tensor(parameterCopy(value.data), value.shape);
    parameter.requiresGrad = true;
    this.params.set(name, parameter);
    return parameter;
  }

  /**
   * Moves every parameter that the active backend did not place into memory it did (the
   * same bits), so its kernels update them in place: call it after setBackend when the
   * model was built before. Returns how many moved. An optimizer made before keeps
   * pointing at the old arrays: make it after this.
   */
  placeParameters(): number {
    let moved = 0;
    for (const t of this.parameters()) {
      if (placedByActiveBackend(t.data)) continue;
      const old = t.data;
      t.moveStorage(parameterArray(t.dtype, t.size));
      releaseParameterArray(old);
      moved++;
    }
    return moved;
  }

  protected addChild<M extends Module>(name: string, child: M): M {
    if (this.params.has(name) || this.children.has(name)) throw new Error(`Module: '${name}' is registered twice`);
    this.children.set(name, child);
    return child;
  }

  /** Registers a random stream the module draws from while training (checkpointed with it). */
  protected addStream(name: string, holder: { rng: Rng }): void {
    this.streams.set(name, holder);
  }

  /** Every parameter with its dotted path, in registration order. */
  namedParameters(prefix = ''): [string, Tensor][] {
    const own: [string, Tensor][] = [...this.params].map(([name, t]) => [prefix + name, t]);
    const nested = [...this.children].flatMap(([name, child]) => child.namedParameters(`${prefix}${name}.`));
    return [...own, ...nested];
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  parameterCount(): number {
    return this.parameters().reduce((n, t) => n + t.size, 0);
  }

  /** Sets training mode (dropout active) on this module and all its children. */
  train(flag = true): this {
    this.mode = flag ? 'train' : 'eval';
    for (const child of this.children.values()) child.train(flag);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  zeroGrad(): void {
    for (const t of this.parameters()) t.zeroGrad();
  }

  /** The states of every random stream, keyed by dotted path, for checkpoints. */
  randomStates(prefix = ''): Record<string, RngState> {
    const own = Object.fromEntries([...this.streams].map(([name, holder]) => [prefix + name, holder.rng.state()]));
    return Object.assign(own, ...[...this.children].map(([name, child]) => child.randomStates(`${prefix}${name}.`)));
  }

  /** Restores `randomStates()`; every stream must be present. */
  loadRandomStates(states: Readonly<Record<string, RngState>>, prefix = ''): void {
    for (const [name, holder] of this.streams) {
      const state = states[prefix + name];
      if (state === undefined) throw new Error(`loadRandomStates: no state for stream '${prefix + name}'`);
      holder.rng = restoreRng(state);
    }
    for (const [name, child] of this.children) child.loadRandomStates(states, `${prefix}${name}.`);
  }
}
