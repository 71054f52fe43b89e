/**
 * The Train panel's Web Worker: builds the synthetic dataset and runs runTraining (the
 * browser entry, js backend), posting progress, every epoch's record and the baseline.
 * The page's thread only draws, so it stays responsive.
 */
import { buildDataset, generateSynthetic, metricValue, resolveTrainConfig, runTraining, TIMING_FIELDS, type EpochRecord, type TrainConfig } from '../browser.ts';

export interface EpochView {
  readonly epoch: number;
  readonly loss: number;
  readonly hitRate: number;
  readonly ndcg: number;
}

export type WorkerMessage =
  | { kind: 'progress'; epoch: number; step: number; steps: number; loss: number }
  | { kind: 'epoch'; record: EpochView; full: Record<string, unknown> }
  | { kind: 'done'; baseline: { hitRate: number; ndcg: number } }
  | { kind: 'error'; message: string };

const post = (m: WorkerMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = (event: MessageEvent<Partial<TrainConfig>>) => {
  try {
    const config = resolveTrainConfig({ ...event.data, data: 'synthetic' });
    const dataset = buildDataset(generateSynthetic());
    let last = 0;
    const result = runTraining(config, dataset, {
      onStep: (epoch, step, steps, loss) => {
        const now = Date.now();
        if (now - last > 200) { last = now; post({ kind: 'progress', epoch, step, steps, loss }); }
      },
      onEpoch: (record: EpochRecord) => {
        const full = Object.fromEntries(Object.entries(record).filter(([key]) => !(TIMING_FIELDS as readonly string[]).includes(key)));
        post({ kind: 'epoch', record: { epoch: record.epoch, loss: record.loss, hitRate: metricValue(record, 'hitRate'), ndcg: metricValue(record, 'ndcg') }, full });
      },
    });
    post({ kind: 'done', baseline: { hitRate: metricValue(result.baseline, 'hitRate'), ndcg: metricValue(result.baseline, 'ndcg') } });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
