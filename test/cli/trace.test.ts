import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/command.ts';
import { traceCommand } from '../../src/cli/trace.ts';
import { parseTraceInput, runTrace } from '../../src/optim/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const root = new URL('../../', import.meta.url).pathname;
const fixtureDir = new URL('../fixtures/torch/', import.meta.url);
const scratch = tempDir('trace');

const example = {
  optimizer: 'adam',
  convention: 'keras',
  options: { learningRate: 0.001, amsgrad: true },
  dtype: 'float64',
  params: [
    { name: 'w', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] },
    { name: 'b', shape: [3], data: [0, 0, 0] },
  ],
  grads: [
    [[1, 1, 1, 1, 1, 1], [0.5, -0.5, 0]],
    [[1, -1, 1, -1, 1, -1], [0.1, 0.2, 0.3]],
  ],
};

function writeInput(name: string, document: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof document === 'string' ? document : JSON.stringify(document));
  return path;
}

async function runCommand(argv: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    expect(await traceCommand.run(argv)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('seedgrad trace output', () => {
  it('prints {"trajectory": [[param after step 1, ...], ...]} in params order, one entry per step', async () => {
    const out = JSON.parse(await runCommand([writeInput('example.json', example)])) as { trajectory: number[][][] };
    expect(Object.keys(out)).toEqual(['trajectory']);
    expect(out.trajectory).toHaveLength(2);
    expect(out.trajectory.map((step) => step.map((p) => p.length))).toEqual([[6, 3], [6, 3]]);
    // Keras AMSGrad step 1 with g = 1: lr·|g|/(|g| + ε/√(1 − β2)), ε = 1e-7 (docs/optimizers.md §2)
    expect(out.trajectory[0]![0]![0]).toBeCloseTo(1 - 0.001 / (1 + 1e-7 / Math.sqrt(0.001)), 15);
    expect(out.trajectory[0]![1]![2]).toBe(0);
  });

  it('reproduces every committed PyTorch trajectory to 1e-10 relative', () => {
    for (const file of readdirSync(fixtureDir).filter((f) => f.endsWith('.json'))) {
      const fixture = JSON.parse(readFileSync(new URL(file, fixtureDir), 'utf8')) as { input: unknown; trajectory: number[][][] };
      const { text } = runTrace(parseTraceInput(JSON.stringify(fixture.input)), false);
      const { trajectory } = JSON.parse(text) as { trajectory: number[][][] };
      trajectory.forEach((step, s) => step.forEach((p, k) => p.forEach((x, i) => {
        const e = fixture.trajectory[s]![k]![i]!;
        expect(Math.abs(x - e), `${file} step ${s + 1}`).toBeLessThanOrEqual(1e-10 * Math.abs(e));
      })));
    }
  });

  it('prints numbers that read back to the same float64 bits, and float32 values that are exactly float32', () => {
    const input = parseTraceInput(JSON.stringify({ ...example, dtype: 'float64' }));
    const printed = JSON.parse(runTrace(input, false).text) as { trajectory: number[][][] };
    expect(printed.trajectory[1]).toEqual(input.params.map((p) => Array.from(p.data)));
    const f32 = JSON.parse(runTrace(parseTraceInput(JSON.stringify({ ...example, dtype: 'float32' })), false).text) as { trajectory: number[][][] };
    for (const x of f32.trajectory.flat(2)) expect(Math.fround(x)).toBe(x);
  });

  it('keeps the sign of −0', () => {
    // written as text: JSON.stringify would turn −0 into 0. p = −0 − 0.01·0 = −0.
    const input = '{"optimizer": "sgd", "params": [{"name": "p", "shape": [1], "data": [-0]}], "grads": [[[0]]]}';
    expect(runTrace(parseTraceInput(input), false).text).toContain('[[-0]]');
  });

  it('--states adds each step’s named state arrays', async () => {
    const out = JSON.parse(await runCommand([writeInput('states.json', example), '--states'])) as { states: Record<string, Record<string, number[]>>[] };
    expect(out.states).toHaveLength(2);
    expect(Object.keys(out.states[0]!)).toEqual(['w', 'b']);
    expect(Object.keys(out.states[0]!['b']!)).toEqual(['m', 'v', 'vHat']);
    expect(out.states[0]!['b']!['m']![0]).toBeCloseTo(0.05, 15); // m = (1 − β1)·g = 0.1·0.5
  });
});

describe('seedgrad trace on large parameters', () => {
  it('streams --states output longer than the longest string JavaScript can hold (10^7 elements)', async () => {
    const n = 10_000_000;
    // Written as text: 10^7 zeros and ones, about 40 MB of JSON.
    const zeros = `[${'0,'.repeat(n - 1)}0]`;
    const ones = `[${'1,'.repeat(n - 1)}1]`;
    const file = join(scratch, 'large.json');
    writeFileSync(file, `{"optimizer": "adam", "params": [{"name": "w", "shape": [${n}], "data": ${zeros}}], "grads": [[${ones}]]}`);
    let length = 0;
    let head = '';
    let tail = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      const text = String(chunk);
      length += text.length;
      if (head.length < 100) head += text.slice(0, 100);
      tail = (tail + text).slice(-100);
      return true;
    });
    try {
      expect(await traceCommand.run([file, '--states'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(length).toBeGreaterThan(2 ** 29); // V8's limit on a string's length is 2^29 - 24
    // Keras Adam, step 1 from 0 with g = 1 (docs/optimizers.md §2): p = −lr·|g|/(|g| + ε/√(1 − β2)), ε = 1e-7; the last state is v = (1 − β2)·g².
    const first = /^\{"trajectory": \[\n {2}\[\[(-?[\d.e-]+),/.exec(head);
    expect(Number(first![1])).toBeCloseTo(-0.001 / (1 + 1e-7 / Math.sqrt(0.001)), 15);
    const last = /,([\d.e-]+)\]\}\}\n\]\}\n$/.exec(tail);
    expect(Number(last![1])).toBeCloseTo(0.001, 15);
  }, 120_000);
});

describe('seedgrad trace errors (UsageError, exit 1)', () => {
  it.each([
    ['malformed JSON', '{"optimizer": ', /input is not valid JSON/],
    ['a wrong gradient length', { ...example, grads: [[[1, 2], [0, 0, 0]]] }, "grads[0][0] (gradient of 'w') has 2 values, but 'w' has shape [2, 3] (6 values)"],
    ['a missing gradient', { ...example, grads: [[[1, 1, 1, 1, 1, 1]]] }, 'grads[0] must be a list of 2 gradients'],
    ['an unknown optimizer', { ...example, optimizer: 'sophia' }, /unknown optimizer "sophia"; choose one of adam/],
    ['an unknown option', { ...example, options: { learningrate: 0.1 } }, /unknown option 'learningrate'; accepted: learningRate/],
    ['an out-of-range option', { ...example, options: { beta2: 1 } }, 'beta2 must be a number in [0, 1), got 1'],
    ['lamb under torch', { ...example, optimizer: 'lamb', convention: 'torch' }, /lamb is not offered in the torch convention/],
    ['lbfgs, which evaluates the function itself', { ...example, optimizer: 'lbfgs', convention: 'torch', options: {} }, /lbfgs cannot be traced: a trace replays recorded gradients/],
    ['sparseadam without touched rows', { ...example, optimizer: 'sparseadam', convention: 'torch', options: {} }, /sparseadam needs the rows each gradient touched/],
    ['an unknown dtype', { ...example, dtype: 'float16' }, '"dtype" must be "float64" or "float32", got "float16"'],
    ['an unknown top-level key', { ...example, optimiser: 'adam' }, "unknown key 'optimiser' in the input"],
    ['a shape that does not fit the data', { ...example, params: [{ name: 'w', shape: [2, 2], data: [1, 2, 3] }] }, "params[0] ('w'): shape [2, 2] holds 4 values but data has 3"],
  ])('%s', async (_what, document, message) => {
    const run = traceCommand.run([writeInput('bad.json', document)]);
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(traceCommand.run([writeInput('bad.json', document)])).rejects.toThrow(message);
  });

  it('names a file it cannot read', async () => {
    await expect(traceCommand.run([join(scratch, 'missing.json')])).rejects.toThrow(/cannot read .*missing\.json/);
  });
});

describe('bin/seedgrad trace as a process', () => {
  const cli = (args: string[], input: string) => spawnSync(process.execPath, [join(root, 'bin/seedgrad'), 'trace', ...args], { input, encoding: 'utf8', cwd: root });

  it('reads stdin and writes the trajectory on stdout, exit 0', () => {
    const result = cli([], JSON.stringify(example));
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { trajectory: unknown[] }).trajectory).toHaveLength(2);
  });

  it('reports bad input on stderr in one line, without a stack trace, exit 1', () => {
    const result = cli([], JSON.stringify({ ...example, options: { clipNorm: 1, clipValue: 1 } }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('seedgrad trace: adam (keras convention): at most one of clipNorm, clipValue, globalClipNorm may be set; got clipNorm and clipValue\n');
  });
});
