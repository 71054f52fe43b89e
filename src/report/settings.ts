/**
 * What a run was set to, and what a group's runs share: the settings a table shows as
 * columns only where they vary (the rest once above it), and the labels plots give
 * runs, made of what differs within their group.
 */
import type { ReportRun } from './types.ts';

export interface Setting {
  readonly title: string;
  /** The cell of a table. */
  readonly cell: (run: ReportRun) => string;
  /** The same, said in a sentence or a legend: `5 epochs`, `learning rate 0.01`. */
  readonly phrase: (run: ReportRun) => string;
}

const optionsText = (run: ReportRun): string => run.options.map(([key, value]) => `${key} ${value}`).join(', ');

/** The settings every run has beside its optimizer, in the table's order. */
const COMMON_SETTINGS: readonly Setting[] = [
  { title: 'convention', cell: (r) => r.convention, phrase: (r) => `${r.convention} convention` },
  { title: 'loss', cell: (r) => r.loss, phrase: (r) => `loss ${r.loss}` },
  { title: 'epochs', cell: (r) => String(r.epochs), phrase: (r) => `${r.epochs} epoch${r.epochs === 1 ? '' : 's'}` },
  { title: 'learning rate', cell: (r) => String(r.learningRate), phrase: (r) => `learning rate ${r.learningRate}` },
  {
    title: 'options',
    cell: (r) => optionsText(r) || 'defaults',
    phrase: (r) => (r.options.length === 0 ? 'default options' : optionsText(r)),
  },
];

/** A workload's setting (ReportRun.settings) by its title: `dropout 0.4`, `batch size 2048`. */
function workloadSetting(title: string): Setting {
  const value = (r: ReportRun) => r.settings.find(([t]) => t === title)?.[1] ?? '—';
  return { title, cell: value, phrase: (r) => `${title} ${value(r)}` };
}

/** Every setting the runs have, in the table's order: the common ones, then the workloads' in the order they name them. */
export function settingsOf(runs: readonly ReportRun[]): Setting[] {
  const titles = [...new Set(runs.flatMap((r) => r.settings.map(([title]) => title)))];
  return [...COMMON_SETTINGS, ...titles.map(workloadSetting)];
}

export interface GroupSettings {
  /** Settings every run of the group shares, as phrases. */
  readonly shared: readonly string[];
  /** Settings that differ between the group's runs. */
  readonly varying: readonly Setting[];
}

export function groupSettings(runs: readonly ReportRun[]): GroupSettings {
  const varies = (s: Setting) => new Set(runs.map(s.cell)).size > 1;
  const settings = settingsOf(runs);
  return {
    shared: runs.length === 0 ? [] : settings.filter((s) => !varies(s)).map((s) => s.phrase(runs[0])),
    varying: settings.filter(varies),
  };
}

/** `Same in every run: keras convention, loss BCE, 5 epochs, …`, or nothing when every setting varies. */
export function sharedSentence(runs: readonly ReportRun[]): string | undefined {
  const { shared } = groupSettings(runs);
  if (shared.length === 0) return undefined;
  return `${runs.length > 1 ? 'Same in every run' : 'Settings'}: ${shared.join(', ')}.`;
}

/**
 * Each run's label in a legend: its optimizer's label, then the settings that differ
 * within the group, e.g. `Nadam, 10 epochs`. Two runs that would read
 * the same get their run numbers added.
 */
export function runLabels(runs: readonly ReportRun[]): Map<ReportRun, string> {
  const { varying } = groupSettings(runs);
  const base = runs.map((r) => [r.label, ...varying.map((s) => s.phrase(r))].join(', '));
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  return new Map(runs.map((r, k) => [r, count.get(base[k])! > 1 ? `${base[k]} (run ${r.number})` : base[k]]));
}
