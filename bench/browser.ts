/**
 * `npm run bench:browser`: the protocol's NeuMF epoch (batch 2048, Adam, on a synthetic set
 * the size of ml-latest-small) in headless Chromium and in Node in one invocation: on the
 * page's thread (one kernel thread) and in a Web Worker of a cross-origin isolated page
 * (two), against Node with one and two threads. Prints the median training seconds of
 * epochs 2…N and each browser figure's ratio to Node's with the same threads, and checks
 * that the losses are the same bits.
 *   SEEDGRAD_BROWSER_EPOCHS   epochs per run (default 3)
 */
import '../src/backend/platform/install-node.ts';
import { join } from 'node:path';
import * as seedgrad from '../src/index.ts';
import { protocolEpochs } from '../test/browser/scenarios.js';
import { serveStatic } from '../test/browser/server.ts';
import { chromiumPath, launchChromium } from '../test/browser/chromium.ts';
import { machineLine, median } from './workload.ts';

const EPOCHS = Number(process.env.SEEDGRAD_BROWSER_EPOCHS ?? 3);
const repo = join(import.meta.dirname, '..');

type Epochs = { seconds: number; loss: number }[];
const steady = (epochs: Epochs) => median(epochs.slice(1).map((e) => e.seconds));

async function main(): Promise<void> {
  const executable = chromiumPath();
  if (executable === null) {
    console.log('bench:browser: no Chromium found (apt-get install chromium, or set SEEDGRAD_CHROMIUM); nothing to measure');
    return;
  }
  console.log(machineLine());
  console.log(`protocol NeuMF epoch, synthetic 610 users × 9724 items × 100,836 interactions, ${EPOCHS} epochs per run, median of epochs 2-${EPOCHS}`);
  const server = await serveStatic(repo);
  const browser = await launchChromium(executable);
  try {
    const node: Record<number, Epochs> = {};
    for (const threads of [1, 2]) {
      await seedgrad.setBackend('js', { threads });
      node[threads] = protocolEpochs(seedgrad, EPOCHS);
    }
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    const onPage = (await page.evaluate(
      `(async () => { const sg = await import('/dist/seedgrad.browser.js'); const s = await import('/test/browser/scenarios.js'); return s.protocolEpochs(sg, ${EPOCHS}); })()`,
    )) as Epochs;
    const isolated = await browser.newPage();
    await isolated.goto(`${server.origin}/isolated.html`);
    const inWorker = (await isolated.evaluate(
      `new Promise((resolve) => { const w = new Worker('/test/browser/engine-worker.js', { type: 'module' }); w.onmessage = (e) => resolve(e.data); w.postMessage({ options: { threads: 2 }, scenario: 'protocolEpochs', args: [${EPOCHS}] }); })`,
    )) as { error?: string; result: Epochs };
    if (inWorker.error !== undefined) throw new Error(inWorker.error);
    const rows: [string, Epochs, number][] = [
      ['Node, 1 thread', node[1]!, 1],
      ['Chromium page, 1 thread', onPage, 1],
      ['Node, 2 threads', node[2]!, 2],
      ['Chromium worker (isolated), 2 threads', inWorker.result, 2],
    ];
    console.log('| where | s/epoch | vs Node, same threads | losses equal Node |');
    console.log('| --- | ---: | ---: | --- |');
    for (const [label, epochs, threads] of rows) {
      const reference = node[threads]!;
      const same = epochs.every((e, i) => Object.is(e.loss, reference[i]!.loss));
      console.log(`| ${label} | ${steady(epochs).toFixed(2)} | ${(steady(epochs) / steady(reference)).toFixed(2)}× | ${same ? 'yes' : 'NO'} |`);
    }
  } finally {
    await browser.close();
    await server.close();
    await seedgrad.closeBackend();
  }
}

await main();
