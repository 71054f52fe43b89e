// dist/seedgrad.browser.js: the browser entry (src/browser.ts) and its dependencies
// (seedrandom, fast-check) in one ES module, for a plain <script type="module"> with no
// bundler. esbuild's browser platform refuses any `node:` import, so this build is also
// the check that the core stays platform-neutral. gpu.js is not bundled: a page that
// wants the gpujs backend loads gpu.js's own browser bundle (or calls useGpujs).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/browser.ts'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outfile: 'dist/seedgrad.browser.js',
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
