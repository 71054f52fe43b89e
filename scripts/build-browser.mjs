// dist/seedgrad.browser.js: the browser entry (src/browser.ts) and its dependencies
// (seedrandom, fast-check) in one ES module, for a plain <script type="module"> with no
// bundler. esbuild's browser platform refuses any `node:` import, so this build is also
// the check that the core stays platform-neutral. gpu.js is not bundled: a page that
// wants the gpujs backend loads gpu.js's own browser bundle (or calls useGpujs).
import { build } from 'esbuild';

//
// dist/browser-kernel-thread.js, beside it: the js backend's kernel thread, a module
// Web Worker the bundle starts as new URL('./browser-kernel-thread.js', import.meta.url)
// (src/backend/platform/browser.ts), for an engine in a cross-origin isolated worker;
// dist/browser-host-thread.js, the thread that hosts gpu.js's WebGPU mode there
// (src/backend/gpujs/browser-worker-host.ts).
await build({
  entryPoints: { 'seedgrad.browser': 'src/browser.ts', 'browser-kernel-thread': 'src/backend/platform/browser-kernel-thread.ts', 'browser-host-thread': 'src/backend/gpujs/browser-host-thread.ts' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outdir: 'dist',
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
