// The Optimizer Lab as a static folder (default lab-dist/; `npm run build` also writes it
// to dist/lab-page/, where `seedgrad lab` serves it): index.html (src/lab/page.ts),
// lab.js (src/lab/main.ts with the browser entry inside), train-worker.js and the
// backend's browser-kernel-thread.js and browser-host-thread.js. No CDN,
// nothing fetched at run time but these files, so it works offline once loaded.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const outdir = process.argv[2] ?? 'lab-dist';
const common = { bundle: true, format: 'esm', platform: 'browser', target: 'es2022', sourcemap: true, legalComments: 'eof', logLevel: 'warning' };

// browser-kernel-thread.js and browser-host-thread.js: the js backend's kernel thread and gpu.js's host thread, beside the bundles that start them.
await build({ ...common, entryPoints: { lab: 'src/lab/main.ts', 'train-worker': 'src/lab/train-worker.ts', 'browser-kernel-thread': 'src/backend/platform/browser-kernel-thread.ts', 'browser-host-thread': 'src/backend/gpujs/browser-host-thread.ts' }, outdir });
const page = await build({ ...common, sourcemap: false, entryPoints: ['src/lab/page.ts'], write: false, platform: 'neutral' });
const { labPage } = await import(`data:text/javascript;base64,${Buffer.from(page.outputFiles[0].text).toString('base64')}`);
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'index.html'), labPage());
