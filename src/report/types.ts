/** What a sweep report shows, as plain data (the report knows nothing of the engine). */

/** A value over seeds: the mean, the sample standard deviation (0 for one seed), each seed's value. */
export interface Stat {
  readonly mean: number;
  readonly spread: number;
  readonly values: readonly number[];
}

export interface EpochPoint {
  readonly epoch: number;
  /** How many seeds reached this epoch. */
  readonly seeds: number;
  /** Means over those seeds. */
  readonly loss: number;
  readonly ndcg: number;
  readonly hitRate: number;
  /** Sample standard deviations over those seeds (0 for one). */
  readonly spread: { readonly loss: number; readonly ndcg: number; readonly hitRate: number };
}

export interface ReportRun {
  readonly number: number;
  readonly id: string;
  readonly group: string;
  readonly label: string;
  readonly optimizer: string;
  readonly convention: string;
  readonly loss: string;
  readonly epochs: number;
  readonly learningRate: number | string;
  /** Optimizer options that differ from the convention's defaults, as [key, value] (learning rate aside). */
  readonly options: readonly (readonly [string, string])[];
  readonly dropout: number;
  readonly batchSize: number;
  readonly embedDim: number;
  /** After the last epoch. */
  readonly ndcg: Stat;
  readonly hitRate: Stat;
  readonly finalLoss: Stat;
  /** Means over the seeds that reached each epoch. */
  readonly history: readonly EpochPoint[];
  /** Set when a seed's loss became NaN or infinite: where, in words. Its metrics are then NaN. */
  readonly diverged?: string;
}

export interface SweepReport {
  readonly name: string;
  readonly description?: string;
  /** K of HR@K and NDCG@K. */
  readonly topK: number;
  readonly seeds: readonly number[];
  /** Group titles in config order. */
  readonly groups: readonly string[];
  readonly runs: readonly ReportRun[];
  /** The popularity ranking, scored the same way (mean over seeds). */
  readonly baseline: { readonly ndcg: number; readonly hitRate: number };
  readonly manifest: Readonly<Record<string, string | number | null>>;
}
