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
  /** Mean training loss over those seeds. */
  readonly loss: number;
  /** Means over those seeds of each metric of SweepReport.metrics, by name. */
  readonly values: Readonly<Record<string, number>>;
  /** Sample standard deviations over those seeds (0 for one), by name, `loss` included. */
  readonly spread: Readonly<Record<string, number>>;
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
  /** The workload's settings as [title, value], in its order (the recommender: dropout, batch size, embedding dimension). */
  readonly settings: readonly (readonly [string, string])[];
  /** Each metric after the last epoch, by name. */
  readonly finals: Readonly<Record<string, Stat>>;
  readonly finalLoss: Stat;
  /** Means over the seeds that reached each epoch. */
  readonly history: readonly EpochPoint[];
  /** Set when a seed's loss became NaN or infinite: where, in words. Its metrics are then NaN. */
  readonly diverged?: string;
  /** With the sweep's "diagnostics": per measured step and parameter tensor, means over the seeds that have it. */
  readonly diagnostics?: readonly DiagnosticPoint[];
}

export interface DiagnosticPoint {
  readonly step: number;
  readonly parameter: string;
  /** null where the rule's ε-dominance is not measured. */
  readonly epsilonDominance: number | null;
  readonly updateToWeight: number | null;
  /** The step's sharpness, when measured (the same on every parameter's point). */
  readonly sharpness: number | null;
}

/** A metric the report tables and plots: the workload's (src/experiment/workloads), with the baseline's value. */
export interface ReportMetric {
  readonly name: string;
  /** `NDCG@10`, `test loss (MSE)`. */
  readonly title: string;
  /** Short, for file names: `ndcg`, `hr`, `test-loss`. */
  readonly file: string;
  readonly better: 'higher' | 'lower';
  /** The baseline's value (mean over seeds). */
  readonly baseline: number;
}

export interface SweepReport {
  readonly name: string;
  readonly description?: string;
  readonly seeds: readonly number[];
  /** Group titles in config order. */
  readonly groups: readonly string[];
  readonly runs: readonly ReportRun[];
  /** The metrics every run reports, in the workload's order. */
  readonly metrics: readonly ReportMetric[];
  /** How plots name the training loss: `training loss (BCE)`. */
  readonly lossTitle: string;
  /** The reference every run's metrics are compared with: its name in a label (`popularity baseline`), and a sentence saying what it is. */
  readonly baseline: { readonly name: string; readonly description: string };
  readonly manifest: Readonly<Record<string, string | number | null>>;
}
