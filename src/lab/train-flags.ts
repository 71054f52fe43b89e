/**
 * The `seedgrad train` flags the Train panel offers beyond optimizer, rate, epochs and seed:
 * batch size, embedding dimension, dropout, negatives and dtype (the synthetic NeuMF
 * workload's; the rest keep the CLI's defaults). Each has its flag, its TrainConfig key,
 * its default (PROTOCOL_DEFAULTS) and its URL key; the engine's resolveTrainConfig checks
 * the values, naming the flag.
 */
import { PROTOCOL_DEFAULTS } from '../experiment/workloads/recommender.ts';

export const TRAIN_FLAGS = [
  { key: 'batchSize', flag: '--batch-size', label: 'Batch size', url: 'tbatch' },
  { key: 'embedDim', flag: '--embed-dim', label: 'Embedding dim', url: 'tembed' },
  { key: 'dropout', flag: '--dropout', label: 'Dropout', url: 'tdropout' },
  { key: 'negatives', flag: '--negatives', label: 'Negatives', url: 'tneg' },
  { key: 'dtype', flag: '--dtype', label: 'dtype', url: 'tdtype' },
] as const;

export type TrainFlagKey = (typeof TRAIN_FLAGS)[number]['key'];
/** The flags set (absent: the CLI's default). */
export type TrainFlags = Partial<Record<TrainFlagKey, number | string>>;

export const DTYPES = ['float32', 'float64'] as const;

export function flagDefault(key: TrainFlagKey): number | string {
  return PROTOCOL_DEFAULTS[key];
}

/** A flag's value from the text of its field or URL: dtype as written, the rest as numbers (NaN where none: the check names it). */
export function flagValue(key: TrainFlagKey, text: string): number | string {
  return key === 'dtype' ? text : text.trim() === '' ? Number.NaN : Number(text);
}

/** The flags of a run on the command line, in TRAIN_FLAGS's order: ' --batch-size 512 --dtype float64'. */
export function flagsText(flags: TrainFlags): string {
  return TRAIN_FLAGS.filter((f) => flags[f.key] !== undefined).map((f) => ` ${f.flag} ${flags[f.key]}`).join('');
}

/** The flag that `message` (resolveTrainConfig's, its keys named as flags) is about, or undefined. */
export function flagOf(message: string): TrainFlagKey | undefined {
  return TRAIN_FLAGS.find((f) => message.startsWith(`${f.flag} `))?.key;
}
