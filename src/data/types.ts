/** The shapes that flow through the data layer, from a ratings file to training examples. */

/** Interactions exactly as a file (or the generator) gives them: original ids, file order. */
export interface RawInteractions {
  /** Where they came from: the ratings file's path, or `synthetic(...)` with its options. */
  readonly source: string;
  readonly users: Int32Array;
  readonly items: Int32Array;
  /** Seconds since the epoch, as in the file; only their order matters (leave-one-out). */
  readonly timestamps: Float64Array;
  readonly length: number;
}

/**
 * docs/protocol.md steps 1–3 applied: implicit positives, dense indices, leave-one-out split.
 *
 * Users are 0..numUsers-1 and items 0..numItems-1 in ascending order of original id.
 * Per-user lists are CSR: user u's entries are `xItems[xOffsets[u] .. xOffsets[u + 1])`,
 * sorted ascending and free of duplicates, so membership is a binary search.
 */
export interface Dataset {
  readonly source: string;
  readonly numUsers: number;
  readonly numItems: number;
  /** Original id of each dense user / item index, ascending. */
  readonly userIds: Int32Array;
  readonly itemIds: Int32Array;
  /** The held-out item of each user (length numUsers). */
  readonly testItems: Int32Array;
  /**
   * The training positives, one per distinct (user, item) pair other than the user's
   * test item, ordered by user then item. `trainItems` doubles as the CSR item list:
   * user u's sorted training items are `trainItems[trainOffsets[u] .. trainOffsets[u + 1])`.
   */
  readonly trainUsers: Int32Array;
  readonly trainItems: Int32Array;
  readonly trainOffsets: Int32Array;
  readonly numTrain: number;
  /** Every item each user interacted with anywhere in the file, test item included (CSR). */
  readonly interactedOffsets: Int32Array;
  readonly interactedItems: Int32Array;
  /** Number of training positives of each item: the popularity baseline's score. */
  readonly itemTrainCounts: Int32Array;
}

/** One epoch of training examples, already shuffled. */
export interface TrainingEpoch {
  readonly users: Int32Array;
  readonly items: Int32Array;
  /** 1 for a training positive, 0 for a sampled negative. */
  readonly labels: Float32Array;
  readonly length: number;
}

/** Per user, the test item followed by sampled negatives: row-major numUsers × perUser. */
export interface EvaluationCandidates {
  readonly candidates: Int32Array;
  /** Row length: 1 + the number of negatives. Column 0 is the test item. */
  readonly perUser: number;
}
