// The engine in a Web Worker of a cross-origin isolated page: there it may block on kernel
// threads and on a gpu.js worker host. Each message names the backend and a scenario.
import * as sg from '/dist/seedgrad.browser.js';
import * as scenarios from '/test/browser/scenarios.js';

const GPUJS_URL = '/gpu.js/gpu-browser.min.js';

self.onmessage = async (event) => {
  const { choice = 'js', options = {}, scenario, args = [] } = event.data;
  try {
    if (choice !== 'js') {
      await import(GPUJS_URL); // its UMD wrapper defines globalThis.GPU
      sg.useGpujs(globalThis.GPU, { scriptUrl: GPUJS_URL });
    }
    const info = await sg.setBackend(choice, options);
    const result = await scenarios[scenario](sg, ...args);
    postMessage({ info, isolated: self.crossOriginIsolated, counters: sg.backendCounters(), result });
  } catch (error) {
    postMessage({ error: String(error && error.stack ? error.stack : error) });
  }
};
