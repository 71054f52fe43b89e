/** `seedgrad train --diagnostics N`: one line per parameter tensor for a measured step. */
import type { StepDiagnostics } from '../experiment/run/diagnostics.ts';

const number = (x: number | null): string => (x === null ? '-' : x.toExponential(2));

export function diagnosticsLines(measured: StepDiagnostics): string[] {
  const width = Math.max(...measured.parameters.map((p) => p.name.length));
  const curvature = measured.sharpness;
  const head = curvature === undefined ? [] : [`  step ${measured.step} sharpness ${curvature.eigenvalue.toExponential(4)} (${curvature.iterations} Lanczos iterations, ${curvature.converged ? 'converged' : 'not converged'})`];
  return [...head, ...measured.parameters.map((p) => {
    const steps = p.effectiveStep === null ? '-' : `${number(p.effectiveStep.p10)}/${number(p.effectiveStep.p50)}/${number(p.effectiveStep.p90)}`;
    const dominance = p.epsilonDominance === null ? '-' : `${(100 * p.epsilonDominance).toFixed(1)}%`;
    return `  step ${measured.step} ${p.name.padEnd(width)}  |g| ${number(p.gradientNorm)}  |Δp| ${number(p.updateNorm)}  |Δp|/|p| ${number(p.updateToWeight)}  step p10/p50/p90 ${steps}  ε-dominated ${dominance}`;
  })];
}
