/** Running units on worker threads: what reaches the user when a worker fails. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticRatings } from '../../helpers/ratings-file.ts';
import { parseSweepConfig, planSweep, sweepUnits } from '../../../src/experiment/index.ts';
import { runUnits, SweepUnitError } from '../../../src/experiment/sweep/sweep-runner.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('runUnits on worker threads', () => {
  it("reports a worker's unexpected error in one line naming the unit, not with the worker's stack", async () => {
    const root = tempDir('runner');
    const ratings = join(root, 'ratings.csv');
    writeSyntheticRatings(ratings, { users: 30, items: 60, interactions: 600, seed: 2 });
    const sweep = parseSweepConfig({ name: 'w', base: { epochs: 1, batchSize: 256, embedDim: 4, evalNegatives: 20 }, runs: [{ optimizer: 'adam' }, { optimizer: 'sgd' }] }, 'w.json');
    const units = sweepUnits(planSweep(sweep, 'w.json', { data: ratings }));
    // The units' folders would lie under a file: writing the first checkpoint fails with ENOTDIR.
    const blocked = join(root, 'a-file');
    writeFileSync(blocked, 'x');
    const run = runUnits(units, { outDir: blocked, jobs: 2, resume: false, backend: { choice: 'js', threads: 1 } });
    await expect(run).rejects.toBeInstanceOf(SweepUnitError);
    const message = await run.catch((error: Error) => error.message);
    expect(message).toMatch(/^(Adam \(run-01-seed-0\)|SGD \(run-02-seed-0\)): Error: ENOTDIR: not a directory, .*a-file\/runs/);
    expect(message).not.toContain('\n');
  });
});
