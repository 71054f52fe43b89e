/** From units' results to the report's plain data (the workload's metrics by name), the CSV rows and results.json. */
import type { ReportRun, Stat, SweepReport } from '../../report/types.ts';
import type { CsvRow } from '../../report/tables.ts';
import type { RunResult } from '../run/run.ts';
import type { PlannedRun, SweepConfig, Unit } from './sweep-config.ts';
import type { Manifest } from '../run/manifest.ts';
import type { TrainConfig } from '../run/config.ts';
import { resolveOptimizerConfig } from '../../optim/index.ts';
import { optionsChanged } from '../../optim/options-text.ts';
import { metricValue } from '../run/training.ts';
import { workloadOf } from '../workloads/index.ts';
import { diagnosticPoints } from './sweep-diagnostics.ts';

/** The learning rate in effect (the convention's default when the run sets none), or the schedule's name. */
function learningRateLabel(config: TrainConfig): number | string {
  const lr = resolveOptimizerConfig(config.optimizer, config.convention, config.optimizerOptions).learningRate;
  return typeof lr === 'number' ? lr : `${lr.schedule} schedule`;
}

/** Switches that planSweep's default label names when they are on ('Adam + AMSGrad'). */
const LABELLED_SWITCHES: readonly string[] = ['amsgrad', 'nesterov', 'centered'];

/** Options the run changes from its convention's defaults, but the learning rate (a column of its own) and the variants its label names. */
function changedOptions(config: TrainConfig): [string, string][] {
  return optionsChanged(config.optimizer, config.convention, config.optimizerOptions)
    .filter(([key, value]) => key !== 'learningRate' && !(LABELLED_SWITCHES.includes(key) && value === 'true'))
    .map(([key, value]) => [key, value]);
}

/** Mean and sample standard deviation (0 for a single value). */
export function stat(values: readonly number[]): Stat {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, spread: Math.sqrt(variance), values };
}

const resultsOf = (run: PlannedRun, units: readonly Unit[], results: ReadonlyMap<string, RunResult>): RunResult[] =>
  units.filter((u) => u.run.id === run.id).map((u) => {
    const result = results.get(u.id);
    if (result === undefined) throw new Error(`no result for ${u.id}`);
    return result;
  });

/** "seed 2: loss NaN at epoch 1, step 17" for each diverged seed, or undefined. */
function divergence(run: PlannedRun, runResults: readonly RunResult[]): string | undefined {
  const notes = runResults.flatMap((r, k) => (r.diverged ? [`${run.configs.length > 1 ? `seed ${run.configs[k].seed}: ` : ''}loss ${r.diverged.loss} at epoch ${r.diverged.epoch}, step ${r.diverged.step}`] : []));
  return notes.length > 0 ? `diverged (${notes.join('; ')})` : undefined;
}

/** The metrics of the sweep's workload (planSweep makes every run share one workload and its metrics). */
const metricsOf = (plan: readonly PlannedRun[]) => workloadOf(plan[0].configs[0]).metrics(plan[0].configs[0]);

function reportRun(run: PlannedRun, runResults: readonly RunResult[], names: readonly string[]): ReportRun {
  const config = run.configs[0];
  const diverged = divergence(run, runResults);
  const points = diagnosticPoints(runResults);
  // A diverged seed has no final metrics: the run's are NaN, and the table says why.
  const final = (pick: (h: RunResult['history'][number]) => number) => stat(runResults.map((r) => (r.diverged || r.history.length === 0 ? NaN : pick(r.history[r.history.length - 1]))));
  const longest = runResults.reduce((a, r) => (r.history.length > a.history.length ? r : a), runResults[0]);
  const epochs = longest.history.map((h, e) => {
    const at = runResults.filter((r) => r.history.length > e).map((r) => r.history[e]);
    const loss = stat(at.map((p) => p.loss));
    const stats = names.map((name) => [name, stat(at.map((p) => metricValue(p, name)))] as const);
    return {
      epoch: h.epoch,
      seeds: at.length,
      loss: loss.mean,
      values: Object.fromEntries(stats.map(([name, s]) => [name, s.mean])),
      spread: { loss: loss.spread, ...Object.fromEntries(stats.map(([name, s]) => [name, s.spread])) },
    };
  });
  return {
    number: run.number,
    id: run.id,
    group: run.group,
    label: run.label,
    optimizer: config.optimizer,
    convention: config.convention,
    loss: config.loss.toUpperCase(),
    epochs: config.epochs,
    learningRate: learningRateLabel(config),
    options: changedOptions(config),
    settings: workloadOf(config).reportSettings(config),
    finals: Object.fromEntries(names.map((name) => [name, final((h) => metricValue(h, name))])),
    finalLoss: final((h) => h.loss),
    history: epochs,
    ...(diverged ? { diverged } : {}),
    ...(points === undefined ? {} : { diagnostics: points }),
  };
}

export function summarizeSweep(sweep: SweepConfig, plan: readonly PlannedRun[], units: readonly Unit[], results: ReadonlyMap<string, RunResult>, manifest: Manifest): SweepReport {
  const metrics = metricsOf(plan);
  const names = metrics.map((m) => m.name);
  const runs = plan.map((run) => reportRun(run, resultsOf(run, units, results), names));
  const all = [...results.values()];
  const groups = [...new Set(plan.map((r) => r.group))];
  const config = plan[0].configs[0];
  const workload = workloadOf(config);
  return {
    name: sweep.name,
    description: sweep.description,
    seeds: sweep.seeds,
    groups,
    runs,
    metrics: metrics.map((m) => ({ ...m, baseline: stat(all.map((r) => metricValue(r.baseline, m.name))).mean })),
    lossTitle: workload.lossTitle(config),
    baseline: workload.baseline,
    manifest,
  };
}

/**
 * One row per run, seed and epoch: the full history; a diverged unit adds a row for the
 * epoch it stopped in, its loss as recorded and the `diverged` column filled (empty on
 * every other row).
 */
export function csvRows(units: readonly Unit[], results: ReadonlyMap<string, RunResult>): CsvRow[] {
  return units.flatMap((u) => {
    const result = results.get(u.id)!;
    const run = {
      run: u.run.number,
      id: u.run.id,
      group: u.run.group,
      label: u.run.label,
      optimizer: u.config.optimizer,
      convention: u.config.convention,
      learningRate: learningRateLabel(u.config),
      seed: u.seed,
    };
    const names = workloadOf(u.config).metrics(u.config).map((m) => m.name);
    const rows: CsvRow[] = result.history.map((h) => ({
      ...run,
      epoch: h.epoch,
      loss: h.loss,
      ...Object.fromEntries(names.map((name) => [name, metricValue(h, name)])),
      diverged: '',
      samplingSeconds: h.samplingSeconds,
      trainingSeconds: h.trainingSeconds,
      evaluationSeconds: h.evaluationSeconds,
    }));
    const d = result.diverged;
    if (d) {
      rows.push({ ...run, epoch: d.epoch, loss: d.loss, ...Object.fromEntries(names.map((name) => [name, ''])), diverged: `loss ${d.loss} at epoch ${d.epoch}, step ${d.step}`, samplingSeconds: '', trainingSeconds: '', evaluationSeconds: '' });
    }
    return rows;
  });
}

export function resultsJson(sweep: SweepConfig, plan: readonly PlannedRun[], units: readonly Unit[], results: ReadonlyMap<string, RunResult>, manifest: Manifest): unknown {
  return {
    config: sweep,
    manifest,
    runs: plan.map((run) => ({
      number: run.number,
      id: run.id,
      group: run.group,
      label: run.label,
      spec: run.spec,
      seeds: units.filter((u) => u.run.id === run.id).map((u) => ({ seed: u.seed, ...results.get(u.id)! })),
    })),
  };
}
