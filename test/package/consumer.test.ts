/**
 * The package as users get it: `npm pack`, installed into an empty project, used with
 * plain node (no tsx, no TypeScript loader), type-checked by a strict TypeScript
 * consumer, within its footprint. `npm test` builds dist/ first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { readmeBlocks } from '../helpers/readme-blocks.ts';

const repo = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'seedgrad-package-'));
const project = join(work, 'consumer');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8' });

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before this test');
  // dist/ is already built; --ignore-scripts keeps pack from building it again.
  const tarball = npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', work], repo).trim().split('\n').pop()!;
  execFileSync('mkdir', ['-p', project]);
  // What `npm init -y` writes with npm 11: a CommonJS project.
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'commonjs' }));
  // From npm's cache where it holds the packages; the npm registry otherwise.
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, tarball)], project);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package in an empty project', () => {
  it('ships compiled JavaScript, types and the CLI, not the sources or tests', () => {
    const installed = join(project, 'node_modules', 'seedgrad');
    expect(existsSync(join(installed, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'seedgrad.browser.js'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(existsSync(join(installed, 'test'))).toBe(false);
  });

  it('installs within 40 MB, without gpu.js, webgpu or tsx', () => {
    const modules = join(project, 'node_modules');
    for (const heavy of ['gpu.js', 'webgpu', 'tsx', 'typescript']) expect(existsSync(join(modules, heavy)), heavy).toBe(false);
    const megabytes = bytesUnder(modules) / 2 ** 20;
    console.log(`node_modules of a consumer: ${megabytes.toFixed(1)} MB`);
    expect(megabytes).toBeLessThanOrEqual(40);
  });

  it('runs with plain node: a small model, gradcheck, 20 Adam steps', () => {
    writeFileSync(
      join(project, 'train.mjs'),
      `import { tensor, randomUniform, createRng, matmul, add, tanh, mean, square, sub, gradcheck, createOptimizer, backendInfo } from 'seedgrad';
const rng = createRng(7);
const x = randomUniform([32, 3], rng.fork('x'), -1, 1);
const y = tensor(Array.from({ length: 32 }, (_, i) => [Math.sin(x.data[3 * i]) + 0.5 * x.data[3 * i + 1]]));
const w1 = randomUniform([3, 8], rng.fork('w1'), -0.5, 0.5, { requiresGrad: true, name: 'w1' });
const w2 = randomUniform([8, 1], rng.fork('w2'), -0.5, 0.5, { requiresGrad: true, name: 'w2' });
const b = tensor([0], undefined, { requiresGrad: true, name: 'b' });
const loss = () => mean(square(sub(add(matmul(tanh(matmul(x, w1)), w2), b), y)));
const check = gradcheck((a, c) => mean(square(tanh(matmul(a, c)))), [tensor([[0.3, -1.2], [2.0, 0.7]], undefined, { dtype: 'float64' }), tensor([[0.5], [-0.25]], undefined, { dtype: 'float64' })]);
const params = [w1, w2, b].map((p) => ({ name: p.name, shape: p.shape, data: p.data }));
const adam = createOptimizer('adam', { convention: 'torch', options: { learningRate: 0.05 }, params });
const losses = [];
for (let step = 0; step < 20; step++) {
  for (const p of [w1, w2, b]) p.grad = null;
  const l = loss();
  l.backward();
  losses.push(l.data[0]);
  adam.step(new Map([w1, w2, b].map((p) => [p.name, p.grad.data])));
}
console.log(JSON.stringify({ gradcheck: check.ok, first: losses[0], last: losses[19], backend: backendInfo().name }));
`,
    );
    const result = node(['train.mjs']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { gradcheck: boolean; first: number; last: number; backend: string };
    expect(out.gradcheck).toBe(true);
    expect(out.backend).toBe('js');
    expect(out.last).toBeLessThan(out.first / 2);
  });

  it("runs the README's Node example as written", () => {
    writeFileSync(join(project, 'readme.mjs'), readmeBlocks('Use it as a library', 'js')[0]!);
    const result = node(['readme.mjs']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const losses = result.stdout.trim().split('\n').map((line) => Number(line.split(' ')[1]));
    expect(losses).toHaveLength(5);
    expect(losses[4]).toBeLessThan(losses[0]! / 10);
  });

  it("bundles for the browser from the installed package: the browser condition, no node: module", async () => {
    writeFileSync(join(project, 'app.mjs'), "import { tensor, sum, backendInfo } from 'seedgrad';\nconsole.log(sum(tensor([1, 2])).data[0], backendInfo().name);\n");
    const result = await build({ entryPoints: [join(project, 'app.mjs')], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.endsWith('seedgrad/dist/browser.js'))).toBe(true);
    expect(inputs.some((p) => p.endsWith('seedgrad/dist/index.js'))).toBe(false);
  });

  it('loads no vega on import (the reports load it when they write a plot)', () => {
    writeFileSync(join(project, 'no-vega-hooks.mjs'), "export async function resolve(specifier, context, next) {\n  if (/^vega(-|$)/.test(specifier)) throw new Error('vega was loaded: ' + specifier);\n  return next(specifier, context);\n}\n");
    writeFileSync(join(project, 'no-vega.mjs'), "import { register } from 'node:module';\nregister('./no-vega-hooks.mjs', import.meta.url);\n");
    writeFileSync(join(project, 'engine.mjs'), "import { tensor, sum, createOptimizer } from 'seedgrad';\nconsole.log(sum(tensor([1, 2, 3])).data[0], typeof createOptimizer);\n");
    const engine = node(['--import', './no-vega.mjs', 'engine.mjs']);
    expect(engine.stderr).toBe('');
    expect(engine.stdout.trim()).toBe('6 function');
    writeFileSync(join(project, 'vega.mjs'), "await import('vega');\n"); // the hook itself works
    expect(node(['--import', './no-vega.mjs', 'vega.mjs']).stderr).toContain('vega was loaded: vega');
  });

  it("runs the README's TypeScript API example in a default (CommonJS) project, saved as .mts", () => {
    writeFileSync(join(project, 'api-example.mts'), readmeBlocks('The API in a few examples', 'ts')[0]!);
    const tsx = pathToFileURL(join(repo, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href;
    const result = node(['--import', tsx, 'api-example.mts']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^true \d/m);
  });

  it("answers CommonJS's require with one line saying to use import", () => {
    writeFileSync(join(project, 'old.cjs'), "require('seedgrad');\n");
    const result = node(['old.cjs']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("seedgrad is an ES module: use `import { tensor } from 'seedgrad'`");
  });

  it('runs the CLI with plain node, and says what to install for --backend gpujs', () => {
    const bin = join(project, 'node_modules', '.bin', 'seedgrad');
    const train = spawnSync(bin, ['train', '--epochs', '1'], { cwd: project, encoding: 'utf8' });
    expect(train.stderr).not.toMatch(/\n\s+at /);
    expect(train.status).toBe(0);
    expect(train.stdout).toMatch(/epoch 1\/1 +loss \d\.\d{4} +HR@10 \d\.\d{4}/);
    const gpujs = spawnSync(bin, ['train', '--epochs', '1', '--backend', 'gpujs'], { cwd: project, encoding: 'utf8' });
    expect(gpujs.status).toBe(1);
    expect(gpujs.stderr.trim()).toBe('seedgrad train: the gpujs backend needs gpu.js, an optional dependency of seedgrad: npm install gpu.js@2.24.1 (and webgpu@0.6.2 for WebGPU through Dawn)');
  });

  it('runs a sweep on worker threads from the compiled package (no tsx there) and writes its report', () => {
    const bin = join(project, 'node_modules', '.bin', 'seedgrad');
    writeFileSync(join(project, 'tiny.json'), JSON.stringify({ name: 'tiny', seeds: [0, 1], base: { epochs: 1 }, runs: [{ optimizer: 'adam' }, { optimizer: 'sgd', learningRate: 0.1 }] }));
    const sweep = spawnSync(bin, ['sweep', 'tiny.json', '--jobs', '2', '--out', 'tiny-out'], { cwd: project, encoding: 'utf8' });
    expect(sweep.stderr).not.toMatch(/\n\s+at |tsx/);
    expect(sweep.status).toBe(0);
    expect(existsSync(join(project, 'tiny-out', 'report.html'))).toBe(true);
  }, 120_000);

  it('type-checks a strict TypeScript consumer of the public types', () => {
    writeFileSync(
      join(project, 'consumer.mts'),
      `import { tensor, matmul, sum, createOptimizer, createRng, setBackend, type Tensor, type Optimizer, type BackendInfo, type OptimizerName } from 'seedgrad';
const a: Tensor = tensor([[1, 2], [3, 4]], undefined, { requiresGrad: true });
const s: Tensor = sum(matmul(a, a));
s.backward();
const name: OptimizerName = 'nadam';
const opt: Optimizer = createOptimizer(name, { convention: 'keras', params: [{ name: 'a', shape: a.shape, data: a.data }] });
opt.step(new Map([['a', a.grad!.data]]));
const info: Promise<BackendInfo> = setBackend('js', { threads: 1 });
void info; void createRng(1).uniform();
`,
    );
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(repo, 'node_modules', '@types'), 'consumer.mts'];
    const result = node([tsc, ...args]);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
