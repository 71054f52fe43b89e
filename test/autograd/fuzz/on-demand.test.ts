/**
 * fast-check is the fuzzer's library: importing the engine (tensors, ops, models,
 * optimizers) does not load it, and `loadFuzzer()` loads it on demand. Checked in a fresh
 * Node process whose resolve hook refuses 'fast-check', as the package test refuses vega.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../../helpers/temp-dir.ts';

const repo = join(import.meta.dirname, '..', '..', '..');

function runScript(source: string, refuseFastCheck: boolean): { stdout: string; stderr: string; status: number | null } {
  const dir = tempDir('fuzz');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, "export async function resolve(specifier, context, next) {\n  if (specifier === 'fast-check' || specifier.startsWith('fast-check/')) throw new Error('fast-check was loaded');\n  return next(specifier, context);\n}\n");
  writeFileSync(join(dir, 'refuse.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const script = join(dir, 'script.mts');
  writeFileSync(script, source.replaceAll('SEEDGRAD', pathToFileURL(join(repo, 'src', 'index.ts')).href));
  const args = ['--import', 'tsx', ...(refuseFastCheck ? ['--import', join(dir, 'refuse.mjs')] : []), script];
  return spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
}

describe('fast-check on demand', () => {
  it('is not loaded by importing seedgrad and training a model with an optimizer; loadFuzzer loads it', () => {
    const result = runScript(
      `import * as sg from 'SEEDGRAD';
const rng = sg.createRng(1);
const model = new sg.Recommender({ kind: 'neumf', numUsers: 5, numItems: 7, embedDim: 4, dropout: 0.2, dtype: 'float32' }, rng);
const named = model.namedParameters();
const adam = sg.createOptimizer('adam', { convention: 'torch', options: { learningRate: 0.01 }, params: named.map(([name, p]) => ({ name, shape: p.shape, data: p.data })) });
const loss = sg.binaryCrossEntropyWithLogits(model.forward([0, 1, 2], [3, 4, 5]), sg.tensor([1, 0, 1]));
loss.backward();
adam.step(new Map(named.map(([name, p]) => [name, p.grad.data])));
console.log('trained', sg.opTable().length > 30);
try { sg.fuzzTarget(sg.findOp('add'), { seed: 1, runs: 1 }); } catch (error) { console.log(error.message); }
await sg.loadFuzzer().catch((error) => console.log('loadFuzzer:', error.message));
`,
      true,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('trained true\n');
    expect(result.stdout).toContain('fuzzTarget needs the gradient fuzzer: `await loadFuzzer()` first');
    expect(result.stdout).toContain('loadFuzzer: fast-check was loaded');
  });

  it('after loadFuzzer, fuzzTarget and the generators work', () => {
    const result = runScript(
      `import * as sg from 'SEEDGRAD';
await sg.loadFuzzer();
const report = sg.fuzzTarget(sg.findOp('mul'), { seed: 1, runs: 5 });
console.log(report.passed, report.cases, typeof sg.COMPOSITIONS.generate.generate);
`,
      false,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('true 5 function');
  });
});
