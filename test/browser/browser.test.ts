/**
 * The browser build in a real browser: headless Chromium loads dist/seedgrad.browser.js
 * from a static server on 127.0.0.1 and runs the scenarios of scenarios.js. The js
 * backend must give the same bits as Node; the gpujs backend (gpu.js's webgl2 mode on
 * SwiftShader) must match the js backend within docs/performance.md's float32 bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as seedgrad from '../../src/index.ts';
import { conventionsOf, optimizerSpec } from '../../src/optim/index.ts';
import { fuzzEveryOp, kernelOps, largeProducts, neumfSteps, trainTwoEpochs, traceEveryOptimizer, traceInputs, type KernelResults, type NeumfSteps, type TraceCase } from './scenarios.js';
import { spawnSync } from 'node:child_process';
import { serveStatic, type Made, type StaticServer } from './server.ts';
import { build } from 'esbuild';
import { readmeBlocks } from '../helpers/readme-blocks.ts';
import { chromiumPath, launchChromium } from './chromium.ts';

const repo = join(import.meta.dirname, '..', '..');
const executable = chromiumPath();
if (executable === null) {
  const message = 'no Chromium found (install Debian\'s chromium package, or set SEEDGRAD_CHROMIUM): the browser tests cannot run';
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`skipped: ${message}`);
}

let server: StaticServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];

/**
 * Runs an expression in the page with `sg` (the browser bundle) and `scenarios` in scope.
 * Passed as text: a function would be rewritten by vitest's transform (its dynamic imports).
 */
function inPage<T>(body: string): Promise<T> {
  const expression = `(async () => { const sg = await import('/dist/seedgrad.browser.js'); const scenarios = await import('/test/browser/scenarios.js'); ${body} })()`;
  return page.evaluate(expression) as Promise<T>;
}

/**
 * The README's browser examples as pages: the plain <script type="module"> one with its
 * paths pointed at this server, and the bundler one bundled by esbuild from this
 * package (its name resolves through the package's own exports, browser condition).
 */
async function readmeExamples(): Promise<Record<string, Made>> {
  const [, bundlerExample] = readmeBlocks('Use it as a library', 'js');
  const [html] = readmeBlocks('Use it as a library', 'html');
  const bundle = await build({
    stdin: { contents: bundlerExample!, resolveDir: repo, sourcefile: 'readme-bundler.mjs', loader: 'js' },
    bundle: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, logLevel: 'silent',
  });
  const page = html!.replace('node_modules/gpu.js/dist/', '/gpu.js/').replace('./node_modules/seedgrad/dist/', '/dist/');
  return {
    '/readme-script.html': { type: 'text/html', body: `<!doctype html><meta charset="utf-8"><body>${page}</body>` },
    '/readme-bundler.js': { type: 'text/javascript', body: bundle.outputFiles[0]!.text },
    '/readme-bundler.html': { type: 'text/html', body: '<!doctype html><meta charset="utf-8"><body><script type="module" src="/readme-bundler.js"></script></body>' },
  };
}

/** docs/performance.md's bound for gpu.js: within 1e-5 of the js result, relative to the sum of absolute products. */
function expectWithinFloat32Bound(onGpu: KernelResults, onJs: KernelResults): void {
  for (const [kernel, { value, sumAbs }] of Object.entries(onJs)) {
    const gpu = onGpu[kernel]!.value;
    expect(gpu.length, kernel).toBe(value.length);
    value.forEach((v, i) => expect(Math.abs(gpu[i]! - v), `${kernel}[${i}]`).toBeLessThanOrEqual(1e-5 * Math.max(1, (sumAbs ?? value.map(Math.abs))[i]!)));
  }
}

describe.runIf(executable !== null)('the browser bundle in headless Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(join(repo, 'dist', 'seedgrad.browser.js'))) throw new Error('dist/seedgrad.browser.js is missing: run `npm run build` (npm test does)');
    server = await serveStatic(repo, await readmeExamples());
    browser = await launchChromium(executable!);
    page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(`${server.origin}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads without a node: module and runs on the browser platform, one thread', async () => {
    const info = await inPage<{ platform: string; backend: object }>('return { platform: sg.currentPlatform().name, backend: sg.backendInfo() };');
    expect(info.platform).toBe('browser');
    expect(info.backend).toMatchObject({ name: 'js', threads: 1, matmul: 'wasm-simd' });
  });

  it('fuzzes every op with the same results as Node', async () => {
    const inBrowser = await inPage('return scenarios.fuzzEveryOp(sg);');
    const inNode = await fuzzEveryOp(seedgrad);
    expect(inBrowser).toEqual(inNode);
    expect(inNode.every((r) => r.passed)).toBe(true);
  }, 120_000);

  it("traces every optimizer in every convention to the bytes of Node's `seedgrad trace --states`", async () => {
    const inBrowser = await inPage<TraceCase[]>('return scenarios.traceEveryOptimizer(sg);');
    const inNode = traceEveryOptimizer(seedgrad);
    expect(inBrowser).toEqual(inNode);
    // Every rule in each convention it has, but L-BFGS (it evaluates a closure: there is
    // nothing to replay), SparseAdam (it refuses dense gradients, as torch does) and torch's
    // Muon (it takes only 2-D parameters; the trace inputs hold 1-D and 3-D ones too).
    const untraceable = (name: string, convention: string): boolean =>
      !conventionsOf(optimizerSpec(name as seedgrad.OptimizerName)).includes(convention as seedgrad.Convention) || name === 'lbfgs' || name === 'sparseadam' || (name === 'muon' && convention === 'torch');
    const refused = seedgrad.OPTIMIZER_NAMES.flatMap((name) => seedgrad.CONVENTIONS.filter((c) => untraceable(name, c)).map((c) => `${name} ${c}`));
    expect(refused).toContain('lamb torch');
    expect(refused).not.toContain('adafactor torch'); // torch >= 2.5's Adafactor
    expect(inNode.filter((c) => c.refused !== undefined).map((c) => `${c.optimizer} ${c.convention}`)).toEqual(refused);
    // The API's text is the command's output, byte for byte (spot-checked on two rules).
    for (const k of [0, 5]) {
      const cli = spawnSync(process.execPath, [join(repo, 'bin', 'seedgrad'), 'trace', '--states'], { input: traceInputs(seedgrad)[k]!.json, encoding: 'utf8' });
      expect(cli.stdout).toBe(`${inNode[k]!.text}\n`);
    }
  });

  it('takes 20 NeuMF steps with the same losses and parameters as Node (js backend)', async () => {
    const inBrowser = await inPage<NeumfSteps>('return scenarios.neumfSteps(sg);');
    const inNode = neumfSteps(seedgrad);
    expect(inBrowser.losses).toEqual(inNode.losses);
    expect(inBrowser.parameters).toEqual(inNode.parameters);
  });

  it('trains two epochs with runTraining to the same losses, HR@10, NDCG@10 and baseline as Node', async () => {
    const inBrowser = await inPage('return scenarios.trainTwoEpochs(sg);');
    expect(inBrowser).toEqual(trainTwoEpochs(seedgrad));
  }, 60_000);

  it("runs every gpujs kernel in gpu.js's webgl2 mode within the float32 bound of the js backend", async () => {
    await page.addScriptTag({ url: `${server.origin}/gpu.js/gpu-browser.min.js` });
    const { info, results: onGpu } = await inPage<{ info: object; results: KernelResults }>(
      "await sg.setBackend('gpujs', { gpujsMode: 'webgl2' }); const results = scenarios.kernelOps(sg); const info = sg.backendInfo(); await sg.setBackend('js'); return { info, results };",
    );
    expect(info).toMatchObject({ name: 'gpujs', mode: 'webgl2' });
    expectWithinFloat32Bound(onGpu, kernelOps(seedgrad));
  }, 120_000);

  describe('the engine in a Web Worker of a cross-origin isolated page', () => {
    let isolated: Page;
    type WorkerRun<T> = { error?: string; info: object; isolated: boolean; counters: { splitCalls: number; chunksByWorkers: number }; result: T };
    const run = <T>(message: object) =>
      isolated.evaluate(
        `new Promise((resolve) => { const w = new Worker('/test/browser/engine-worker.js', { type: 'module' }); w.onmessage = (e) => { resolve(e.data); w.terminate(); }; w.postMessage(${JSON.stringify(message)}); })`,
      ) as Promise<WorkerRun<T>>;

    beforeAll(async () => {
      isolated = await browser.newPage();
      isolated.on('request', (r) => requests.push(r.url()));
      isolated.on('pageerror', (e) => consoleErrors.push(String(e)));
      await isolated.goto(`${server.origin}/isolated.html`);
    });
    afterAll(() => isolated.close());

    it('computes on two kernel threads, with the same bits as Node', async () => {
      const large = await run<ReturnType<typeof largeProducts>>({ options: { threads: 2 }, scenario: 'largeProducts' });
      expect(large.error).toBeUndefined();
      expect(large.isolated).toBe(true);
      expect(large.info).toMatchObject({ name: 'js', threads: 2, matmul: 'wasm-simd' });
      expect(large.counters.splitCalls).toBeGreaterThan(0);
      expect(large.counters.chunksByWorkers).toBeGreaterThan(0);
      expect(large.result).toEqual(largeProducts(seedgrad));
      const steps = await run<NeumfSteps>({ options: { threads: 2 }, scenario: 'neumfSteps' });
      expect(steps.error).toBeUndefined();
      expect(steps.result).toEqual(neumfSteps(seedgrad));
    }, 60_000);

    it("runs every gpujs kernel in gpu.js's webgpu mode (a worker host, SwiftShader's adapter) within the float32 bound", async () => {
      const auto = await run<KernelResults>({ choice: 'auto', options: { allowSoftwareAdapter: true }, scenario: 'kernelOps' });
      expect(auto.error).toBeUndefined();
      expect(auto.info).toMatchObject({ name: 'gpujs', mode: 'webgpu', adapter: expect.stringMatching(/swiftshader/) });
      expectWithinFloat32Bound(auto.result, kernelOps(seedgrad));
      const refused = await run<KernelResults>({ choice: 'auto', scenario: 'kernelOps' });
      expect(refused.info).toMatchObject({ name: 'js' }); // auto refuses a software adapter for training
    }, 120_000);
  });

  it("runs the README's plain <script type=\"module\"> example", async () => {
    const example = await browser.newPage();
    example.on('request', (r) => requests.push(r.url()));
    await example.goto(`${server.origin}/readme-script.html`);
    await example.waitForFunction(() => document.body.textContent!.includes(' on '));
    expect(await example.textContent('body')).toMatch(/^Tensor\(float32, \[2, 2\]\).* on js$/s);
    await example.close();
  });

  it("runs the README's bundler example: gpu.js handed over, the gpujs backend chosen (webasm on software GL)", async () => {
    const example = await browser.newPage();
    example.on('request', (r) => requests.push(r.url()));
    const logged = new Promise<string>((resolve) => example.on('console', (m) => m.type() === 'log' && resolve(m.text())));
    await example.goto(`${server.origin}/readme-bundler.html`);
    expect(await logged).toMatch(/name: gpujs.*mode: (webasm|webgl2)/s);
    await example.close();
  });

  it('sends no request off 127.0.0.1 and logs no console error', () => {
    expect(requests.length).toBeGreaterThan(0);
    // Every worker (kernel threads, gpu.js's host) starts from a module file of this server.
    for (const url of requests) expect(url.startsWith(`${server.origin}/`), url).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
