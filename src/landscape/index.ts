/** Optimizer landscapes: test functions, one optimizer's run, the study, its table and files. */
export { FUNCTION_NAMES, TEST_FUNCTIONS, isFunctionName, minimaOf, type CriticalPoint, type FunctionName, type TestFunction } from './functions.ts';
export { LANDSCAPE_OPTIMIZERS, ENGINE_OPTIMIZER, availableIn, isLandscapeOptimizer, type LandscapeOptimizer } from './optimizers.ts';
export { DEFAULT_LEARNING_RATES, type LearningRateTable } from './learning-rates.ts';
export { runOptimizer, type Divergence, type RunSettings, type Trajectory } from './run.ts';
export { contourLevels, sampleGrid, type ContourGrid } from './grid.ts';
export { summarize, markdownTable, tableCells, formatNumber, TABLE_HEADER, type SummaryRow } from './summary.ts';
export { runLandscape, learningRateFor, type FunctionLandscape, type LandscapeConfig } from './study.ts';
export { renderLandscape, type LandscapeFiles } from './output.ts';
