/**
 * seedgrad's public API in browsers (the `browser` condition of the package's exports,
 * and dist/seedgrad.browser.js for a plain `<script type="module">`): the
 * platform-neutral core (core.ts) on the browser platform — the js backend's WebAssembly
 * SIMD kernels on one thread, gpu.js's webgl2 mode for the gpujs backend (hand gpu.js
 * over with useGpujs, or load its browser bundle first).
 */
import './backend/platform/install-browser.ts';

export * from './core.ts';
