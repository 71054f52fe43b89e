/**
 * Node worker threads that run a real module of this package: the compiled one (a .js
 * file in dist/) directly; while the TypeScript sources run (tests, tsx), a small
 * bootstrap that registers tsx (a development dependency) and imports the .ts file. The
 * js backend's kernel threads and the sweep's workers both start this way.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The module `name` beside the caller (`import.meta.url`), with the caller's extension: name.js from dist, name.ts from the sources. */
export function besideModule(importMetaUrl: string, name: string): URL {
  return new URL(`./${name}${importMetaUrl.endsWith('.js') ? '.js' : '.ts'}`, importMetaUrl);
}

/** A worker thread running the module at `entry`, with `options` (workerData, transferList, …). */
export function startModuleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (entry.pathname.endsWith('.js')) return new Worker(entry, options);
  // tsx's ESM entry, resolved from here so a worker finds it whatever the working directory.
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
