/**
 * A sweep config's `"diagnostics": {"every": N, "sharpness": true | {"tolerance", "maxIterations"}}`:
 * every run of the sweep measures its per-parameter diagnostics every N steps (and the
 * batch loss's sharpness when asked), into each run's result.json (diagnostics.ts), the
 * sweep's results.json, and diagnostics.csv: one row per run, seed, measured step and
 * parameter tensor.
 */
import { ConfigError } from '../run/config.ts';
import { describeValue } from '../../optim/index.ts';
import type { SharpnessOptions } from '../../autograd/index.ts';
import type { CsvRow } from '../../report/tables.ts';
import type { Unit } from './sweep-config.ts';
import type { RunResult } from '../run/training.ts';
import type { DiagnosticPoint } from '../../report/types.ts';

export interface SweepDiagnostics {
  readonly every: number;
  readonly sharpness?: SharpnessOptions;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseSweepDiagnostics(value: unknown, file: string): SweepDiagnostics | undefined {
  if (value === undefined) return undefined;
  const where = `${file}: diagnostics`;
  if (!isObject(value)) throw new ConfigError(`${where} must be {"every": N, "sharpness"?: true | {"tolerance", "maxIterations"}}, got ${describeValue(value)}`);
  const unknown = Object.keys(value).find((key) => key !== 'every' && key !== 'sharpness');
  if (unknown !== undefined) throw new ConfigError(`${where}: unknown key '${unknown}'; allowed: every, sharpness`);
  const { every, sharpness } = value;
  if (!Number.isSafeInteger(every) || (every as number) < 1) throw new ConfigError(`${where}.every must be an integer >= 1 (the interval in steps), got ${describeValue(every)}`);
  if (sharpness === undefined || sharpness === false) return { every: every as number };
  if (sharpness === true) return { every: every as number, sharpness: { tolerance: 1e-3, maxIterations: 20 } };
  if (!isObject(sharpness) || Object.keys(sharpness).some((key) => key !== 'tolerance' && key !== 'maxIterations')) {
    throw new ConfigError(`${where}.sharpness must be true or {"tolerance", "maxIterations"}, got ${describeValue(sharpness)}`);
  }
  return { every: every as number, sharpness: { tolerance: (sharpness.tolerance as number | undefined) ?? 1e-3, maxIterations: (sharpness.maxIterations as number | undefined) ?? 20 } };
}

const cell = (x: number | null | undefined): number | string => (x === null || x === undefined ? '' : x);

/** diagnostics.csv: one row per unit, measured step and parameter tensor (empty cells where a value is not measured). */
export function diagnosticsCsvRows(units: readonly Unit[], results: ReadonlyMap<string, RunResult>): CsvRow[] {
  return units.flatMap((u) =>
    results.get(u.id)!.history.flatMap((epoch) =>
      (epoch.diagnostics ?? []).flatMap((measured) =>
        measured.parameters.map((p) => ({
          run: u.run.number,
          id: u.run.id,
          label: u.run.label,
          seed: u.seed,
          epoch: epoch.epoch,
          step: measured.step,
          parameter: p.name,
          gradientNorm: p.gradientNorm,
          updateNorm: p.updateNorm,
          updateToWeight: cell(p.updateToWeight),
          stepP10: cell(p.effectiveStep?.p10),
          stepP50: cell(p.effectiveStep?.p50),
          stepP90: cell(p.effectiveStep?.p90),
          epsilonDominance: cell(p.epsilonDominance),
          sharpness: cell(measured.sharpness?.eigenvalue),
        })),
      ),
    ),
  );
}

/** The mean of the numbers among `values`, or null when none is a number. */
function meanOf(values: readonly (number | null | undefined)[]): number | null {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  return numbers.length === 0 ? null : numbers.reduce((a, b) => a + b, 0) / numbers.length;
}

/** A run's diagnostics for the report: per measured step and parameter, means over its seeds; undefined when none was measured. */
export function diagnosticPoints(runResults: readonly RunResult[]): DiagnosticPoint[] | undefined {
  const cells = new Map<string, { step: number; parameter: string; dominance: (number | null)[]; ratio: (number | null)[]; sharpness: (number | undefined)[] }>();
  for (const result of runResults) {
    for (const measured of result.history.flatMap((e) => e.diagnostics ?? [])) {
      for (const p of measured.parameters) {
        const key = `${measured.step} ${p.name}`;
        let cell = cells.get(key);
        if (cell === undefined) cells.set(key, (cell = { step: measured.step, parameter: p.name, dominance: [], ratio: [], sharpness: [] }));
        cell.dominance.push(p.epsilonDominance);
        cell.ratio.push(p.updateToWeight);
        cell.sharpness.push(measured.sharpness?.eigenvalue);
      }
    }
  }
  if (cells.size === 0) return undefined;
  return [...cells.values()].map((c) => ({ step: c.step, parameter: c.parameter, epsilonDominance: meanOf(c.dominance), updateToWeight: meanOf(c.ratio), sharpness: meanOf(c.sharpness) }));
}
