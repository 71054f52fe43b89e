/**
 * seedgrad's public API in Node: the platform-neutral core (core.ts) on the Node platform
 * (worker threads, gpu.js and Dawn where installed), plus what needs files: MovieLens
 * loaders, training runs with checkpoints, sweeps. Nothing else lives here.
 */
import './backend/platform/install-node.ts';

export * from './core.ts';
export { loadInteractions, resolveDataSource } from './data/index.ts';
// runTraining with checkpoints (checkpointDir, resume) in place of the core's.
export { runTraining, loadCheckpoint, parseSweepConfig, runSweep, mergeSweeps, type RunOptions, type SweepConfig } from './experiment/index.ts';
