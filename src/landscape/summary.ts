/**
 * The landscape table: for each optimizer on a function, the steps it took to come
 * within the tolerance of a minimum, where it ended, and whether it diverged.
 */
import { minimaOf, type TestFunction } from './functions.ts';
import type { Trajectory } from './run.ts';

export interface SummaryRow {
  readonly optimizer: string;
  readonly learningRate: number;
  /** The first step t with ‖points[t] − p*‖ ≤ tolerance for some minimum p*; null if never (or no minima). */
  readonly stepsToTolerance: number | null;
  /** ‖p − p*‖ from the last finite point to the nearest minimum; null when f has no minima. */
  readonly finalDistance: number | null;
  /** The minimum nearest to the last finite point; null when f has no minima. */
  readonly nearestMinimum: readonly [number, number] | null;
  /** The last finite point and its value. */
  readonly finalPoint: readonly [number, number];
  readonly finalValue: number;
  /** Steps taken before the run ended (all of them, unless it diverged). */
  readonly stepsRun: number;
  readonly diverged: boolean;
  /** Why it diverged (the first non-finite value, gradient or point), or null. */
  readonly divergence: string | null;
  /**
   * It arrived within LUCKY_STEPS steps from this start but not from a second one
   * (functions.ts's secondStart): the start, not the rule, made it fast.
   */
  readonly luckyStart: boolean;
}

/** Arrivals this fast are checked from a second start before the table believes them. */
export const LUCKY_STEPS = 2;

/** Whether `row` arrived so fast that a second start should confirm it. */
export const needsSecondStart = (row: SummaryRow): boolean => row.stepsToTolerance !== null && row.stepsToTolerance <= LUCKY_STEPS;

function nearest(fn: TestFunction, point: readonly [number, number]): { minimum: readonly [number, number]; distance: number } | null {
  let best: { minimum: readonly [number, number]; distance: number } | null = null;
  for (const m of minimaOf(fn)) {
    const distance = Math.hypot(point[0] - m.x, point[1] - m.y);
    if (best === null || distance < best.distance) best = { minimum: [m.x, m.y], distance };
  }
  return best;
}

export function summarize(fn: TestFunction, trajectory: Trajectory, tolerance: number): SummaryRow {
  const last = trajectory.points.length - 1;
  // A run that diverged at its start (f already infinite there) has no finite point at all.
  const finalPoint = trajectory.points[last] ?? ([NaN, NaN] as const);
  const end = nearest(fn, finalPoint);
  const hit = trajectory.points.findIndex((p) => (nearest(fn, p)?.distance ?? Infinity) <= tolerance);
  return {
    optimizer: trajectory.optimizer,
    learningRate: trajectory.learningRate,
    stepsToTolerance: hit === -1 ? null : hit,
    finalDistance: end?.distance ?? null,
    nearestMinimum: end?.minimum ?? null,
    finalPoint,
    finalValue: trajectory.values[last] ?? NaN,
    stepsRun: trajectory.divergence === null ? last : trajectory.divergence.step,
    diverged: trajectory.divergence !== null,
    divergence: trajectory.divergence?.reason ?? null,
    luckyStart: false,
  };
}

/** Three significant digits, exponent form outside [1e-3, 1e4). */
export function formatNumber(value: number): string {
  if (value === 0 || (Math.abs(value) >= 1e-3 && Math.abs(value) < 1e4)) return String(Number(value.toPrecision(3)));
  return value.toExponential(2);
}

export const TABLE_HEADER = ['optimizer', 'lr', 'steps to tolerance', 'final distance', 'final f', 'diverged'] as const;

/** The table's cells, as text, one array per row (shared by the markdown and the HTML page). */
export function tableCells(rows: readonly SummaryRow[]): string[][] {
  return rows.map((r) => [
    r.optimizer,
    formatNumber(r.learningRate),
    r.stepsToTolerance === null ? '—' : `${r.stepsToTolerance}${r.luckyStart ? ' (lucky start)' : ''}`,
    r.finalDistance === null ? '—' : formatNumber(r.finalDistance),
    formatNumber(r.finalValue),
    r.diverged ? `yes, at step ${r.stepsRun}` : 'no',
  ]);
}

export function markdownTable(rows: readonly SummaryRow[]): string {
  const lines = [TABLE_HEADER, TABLE_HEADER.map(() => '---'), ...tableCells(rows)];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
