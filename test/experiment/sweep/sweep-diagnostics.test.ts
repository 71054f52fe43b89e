import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseSweepConfig, runSweep } from '../../../src/experiment/index.ts';
import { parseSweepDiagnostics } from '../../../src/experiment/sweep/sweep-diagnostics.ts';
import { writeSyntheticRatings } from '../../helpers/ratings-file.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('a sweep config\'s "diagnostics"', () => {
  it('takes {"every": N} and sharpness as true or with its settings, and refuses anything else in one line', () => {
    expect(parseSweepDiagnostics(undefined, 'x.json')).toBeUndefined();
    expect(parseSweepDiagnostics({ every: 5 }, 'x.json')).toEqual({ every: 5 });
    expect(parseSweepDiagnostics({ every: 5, sharpness: true }, 'x.json')).toEqual({ every: 5, sharpness: { tolerance: 1e-3, maxIterations: 20 } });
    expect(parseSweepDiagnostics({ every: 5, sharpness: { maxIterations: 8 } }, 'x.json')).toEqual({ every: 5, sharpness: { tolerance: 1e-3, maxIterations: 8 } });
    expect(() => parseSweepDiagnostics({ every: 0 }, 'x.json')).toThrow('x.json: diagnostics.every must be an integer >= 1 (the interval in steps), got 0');
    expect(() => parseSweepDiagnostics({ every: 2, often: true }, 'x.json')).toThrow("x.json: diagnostics: unknown key 'often'; allowed: every, sharpness");
    expect(() => parseSweepDiagnostics(3, 'x.json')).toThrow(/^x\.json: diagnostics must be \{"every": N/);
    expect(() => parseSweepDiagnostics({ every: 2, sharpness: 'yes' }, 'x.json')).toThrow(/^x\.json: diagnostics\.sharpness must be true or \{"tolerance", "maxIterations"\}/);
  });

  it('records every run\'s measurements in its result.json, the sweep\'s results.json and diagnostics.csv, and the report plots them', async () => {
    const root = tempDir('sweep-diagnostics');
    const ratings = join(root, 'ratings.csv');
    writeSyntheticRatings(ratings, { users: 50, items: 100, interactions: 1200, seed: 9 });
    const config = { name: 'diag', seeds: [0], base: { epochs: 1, batchSize: 256, embedDim: 4, evalNegatives: 20 }, runs: [{ optimizer: 'rmsprop', learningRate: 1e-4 }], diagnostics: { every: 2, sharpness: { maxIterations: 5 } } };
    const file = join(root, 'diag.json');
    const outDir = join(root, 'out');
    await runSweep(parseSweepConfig(config, file), { file, outDir, jobs: 1, resume: false, overrides: { data: ratings }, backend: { choice: 'js' as const, threads: 1, description: 'backend js, 1 thread' } });
    const [unit] = readdirSync(join(outDir, 'runs'));
    const result = JSON.parse(readFileSync(join(outDir, 'runs', unit, 'result.json'), 'utf8'));
    const [epoch] = result.history;
    expect(epoch.diagnostics.map((d: { step: number }) => d.step)).toEqual(Array.from({ length: Math.floor(epoch.steps / 2) }, (_, k) => 2 * (k + 1)));
    expect(epoch.diagnostics[0].sharpness.iterations).toBeLessThanOrEqual(5);
    expect(epoch.diagnostics[0].parameters[0].epsilonDominance).toBeGreaterThan(0.5);
    // The sweep's results.json holds them too, and diagnostics.csv has a row per measured step and parameter.
    const summary = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'));
    expect(summary.runs[0].seeds[0].history[0].diagnostics).toEqual(epoch.diagnostics);
    const [header, ...rows] = readFileSync(join(outDir, 'diagnostics.csv'), 'utf8').trim().split('\n');
    expect(header).toBe('run,id,label,seed,epoch,step,parameter,gradientNorm,updateNorm,updateToWeight,stepP10,stepP50,stepP90,epsilonDominance,sharpness');
    expect(rows).toHaveLength(epoch.diagnostics.length * epoch.diagnostics[0].parameters.length);
    const first = rows[0].split(',');
    expect(first.slice(5, 7)).toEqual(['2', 'gmf.userEmbedding.weight']);
    expect(Number(first[13])).toBe(epoch.diagnostics[0].parameters[0].epsilonDominance);
    expect(Number(first[14])).toBe(epoch.diagnostics[0].sharpness.eigenvalue);
    // The report draws them: ε-dominance and update/weight per parameter tensor, and sharpness.
    const plots = readdirSync(join(outDir, 'plots')).filter((f) => f.endsWith('.svg'));
    for (const kind of ['epsilon-dominance', 'update-to-weight', 'sharpness']) {
      const file = plots.find((f) => f.endsWith(`-${kind}.svg`));
      expect(file, kind).toBeDefined();
      expect(readFileSync(join(outDir, 'plots', file!), 'utf8')).toMatch(/^<svg/);
      expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain(`plots/${file}`);
    }
    const spec = JSON.parse(readFileSync(join(outDir, 'plots', plots.find((f) => f.endsWith('-epsilon-dominance.svg'))!.replace(/\.svg$/, '.vl.json')), 'utf8'));
    expect(new Set(spec.data.values.map((v: { parameter: string }) => v.parameter)).size).toBe(epoch.diagnostics[0].parameters.length);
  });
});
