/** The line `seedgrad train` prints before it trains: model, optimizer with the options in effect, epochs, batch, seed. */
import type { TrainConfig } from '../experiment/index.ts';
import { formatOptions, optionsInEffect } from '../optim/options-text.ts';
import { workloadOf } from '../experiment/workloads/index.ts';

export function trainHeader(config: TrainConfig): string {
  const options = formatOptions(optionsInEffect(config.optimizer, config.convention, config.optimizerOptions));
  const epochs = `${config.epochs} epoch${config.epochs === 1 ? '' : 's'}`;
  return `${workloadOf(config).modelName(config)} on ${config.dtype}, ${config.optimizer} (${config.convention} convention: ${options}), ${epochs}, batch ${config.batchSize}, seed ${config.seed}`;
}
