/** `seedgrad gradcheck`: fuzz every op's gradient against finite differences. */
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { choiceFlag, intFlag, parseFlags } from './args.ts';
import { applyBackendFlag } from './backend-flag.ts';
import { opTable } from '../autograd/index.ts';
import { GRADCHECK_MODES } from '../autograd/gradcheck.ts';
import { COMPOSITIONS, fuzzTarget, loadFuzzer, type FuzzReport, type FuzzTarget } from '../autograd/fuzz/loader.ts';

const help = `Usage: seedgrad gradcheck [--seed N] [--runs N] [--op NAME[,NAME...]] [--mode rev|fwd|both] [--order 1|2] [--json] [--backend auto|js|gpujs]

Checks every op's autograd gradient against central finite differences in float64, on
random inputs from each op's fast-check generator (random shapes with size-1 axes and
broadcasting, values kept away from kinks), then on random graphs of 2-5 ops with
shared subexpressions ('compositions'). A case passes when every element agrees within
1e-6 (|autograd - numeric| / max(1, |autograd|, |numeric|)).

Flags:
  --seed N     base seed (default 0); the same seed gives the same cases
  --runs N     cases per op (default 100)
  --op NAMES   only these ops (comma-separated; 'compositions' names the graph fuzzer)
  --mode M     rev (default): reverse mode per input element against finite differences;
               fwd: forward mode's J·u (jvp) against finite differences along a random u;
               both: the two, and the dot-product test <v, J u> = <J^T v, u> between them
  --order N    1 (default): first derivatives; 2: second derivatives, the gradient of
               <grad L, v> for a random v (the Hessian-vector product, through each op's
               differentiable backward) against central finite differences of the first
               gradient, with L = sum(w*f) + sum(u*f^2)/2 (rev mode only)
  --backend B  auto | js | gpujs (default: SEEDGRAD_BACKEND, else auto); the checks run
               in float64, which gpujs hands to the js loops (gpu.js is float32 only)
  --json       print one JSON object as the last line: {"seed", "runs", "passed", "ops": [...]}

Exit status 1 if any op fails; the failing case is printed shrunk, as a test to paste.`;

function selectTargets(names: string | undefined): FuzzTarget[] {
  const all: FuzzTarget[] = [...opTable(), COMPOSITIONS];
  if (names === undefined) return all;
  return names.split(',').map((name) => {
    const target = all.find((t) => t.name === name.trim());
    if (target === undefined) throw new UsageError(`--op: unknown op '${name}'. Ops: ${all.map((t) => t.name).join(', ')}`);
    return target;
  });
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
}

export const gradcheckCommand: Command = {
  name: 'gradcheck',
  summary: "fuzz every op's gradient against finite differences",
  help,
  async run(argv) {
    const args = parseFlags('gradcheck', argv, { seed: { type: 'string' }, runs: { type: 'string' }, op: { type: 'string' }, mode: { type: 'string' }, order: { type: 'string' }, json: { type: 'boolean' }, backend: { type: 'string' } });
    const seed = intFlag(args, 'seed', 0, 0, 2 ** 31 - 1);
    const runs = intFlag(args, 'runs', 100, 1, 100_000);
    const mode = choiceFlag(args, 'mode', GRADCHECK_MODES, 'rev');
    const order = choiceFlag(args, 'order', ['1', '2'], '1') === '2' ? 2 : 1;
    if (order === 2 && mode !== 'rev') throw new UsageError(`--order 2 checks reverse mode's second derivatives: it takes --mode rev only, got '${mode}'`);
    const targets = selectTargets(args.values.op as string | undefined);
    const json = args.values.json === true;
    await applyBackendFlag(args);
    await loadFuzzer();
    const widths = [Math.max(...targets.map((t) => t.name.length)), 10, 6, 12, 4];
    const out = (line: string) => process.stdout.write(line + '\n');
    out(`gradcheck: seed ${seed}, ${runs} cases per op, tolerance 1e-6${mode === 'rev' ? '' : `, mode ${mode}`}${order === 2 ? ', second derivatives' : ''}`);
    out(row(['op', 'family', 'cases', 'worst error', 'result'], widths));
    const reports: FuzzReport[] = [];
    for (const target of targets) {
      const report = fuzzTarget(target, { seed, runs, mode, order });
      reports.push(report);
      out(row([report.op, report.family, String(report.cases), report.worstError.toExponential(2), report.passed ? 'pass' : 'FAIL'], widths));
    }
    const failures = reports.filter((r) => !r.passed);
    for (const f of failures) {
      out(`\n${f.op} failed: ${f.failure?.message}\nShrunk case, as a test:\n${f.failure?.test}`);
    }
    out(`\n${reports.length - failures.length} passed, ${failures.length} failed`);
    if (json) {
      const ops = reports.map(({ failure, ...r }) => ({ ...r, worstError: Number.isFinite(r.worstError) ? r.worstError : null, ...(failure ? { failure } : {}) }));
      out(JSON.stringify({ seed, runs, passed: failures.length === 0, ops }));
    }
    return failures.length === 0 ? 0 : 1;
  },
};
