/** The sweep report's tables, plots and page, from a hand-made report (no training). */
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import type { ReportRun, SweepReport } from '../../src/report/types.ts';
import { markdownTables } from '../../src/report/tables.ts';
import { barsSpec, curvesSpec, learningRateRuns, learningRateSpec } from '../../src/report/plots.ts';
import { sweepReportFiles } from '../../src/report/sweep-files.ts';

const stat = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const spread = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, spread, values };
};

/** A run whose NDCG after epoch e is base + e / 100 (HR twice that), the same for every seed but `jitter`. */
function run(number: number, group: string, over: Partial<ReportRun> & { base?: number; seeds?: number } = {}): ReportRun {
  const { base = 0.1, seeds = 1, ...rest } = over;
  const epochs = rest.epochs ?? 5;
  const perSeed = (e: number, k: number) => base + e / 100 + k / 1000;
  const history = Array.from({ length: epochs }, (_, i) => {
    const ndcg = stat(Array.from({ length: seeds }, (_, k) => perSeed(i + 1, k)));
    const hit = stat(Array.from({ length: seeds }, (_, k) => 2 * perSeed(i + 1, k)));
    return { epoch: i + 1, seeds, loss: 0.7 - i / 100, values: { ndcg: ndcg.mean, hitRate: hit.mean }, spread: { loss: 0, ndcg: ndcg.spread, hitRate: hit.spread } };
  });
  const last = history[history.length - 1];
  return {
    number,
    id: `run-${number}`,
    group,
    label: 'Nadam',
    optimizer: 'nadam',
    convention: 'keras',
    loss: 'BCE',
    epochs,
    learningRate: 0.0001,
    options: [],
    settings: [['dropout', '0.4'], ['batch size', '2048'], ['embedding dimension', '16']],
    finals: { ndcg: stat(Array.from({ length: seeds }, (_, k) => perSeed(epochs, k))), hitRate: stat(Array.from({ length: seeds }, (_, k) => 2 * perSeed(epochs, k))) },
    finalLoss: stat([last.loss]),
    history,
    ...rest,
  };
}

function report(runs: ReportRun[], seeds: number[] = [0]): SweepReport {
  const metrics = [
    { name: 'ndcg', title: 'NDCG@10', file: 'ndcg', better: 'higher', baseline: 0.3542 },
    { name: 'hitRate', title: 'HR@10', file: 'hr', better: 'higher', baseline: 0.6 },
  ] as const;
  const baseline = { name: 'popularity baseline', description: "Popularity baseline (every user's candidates ranked by training popularity)" };
  return { name: 'log', seeds, groups: [...new Set(runs.map((r) => r.group))], runs, metrics, lossTitle: 'training loss (BCE)', baseline, manifest: { version: '0.1.0' } };
}

const log = report([
  run(1, 'Optimizers', { label: 'Adam', optimizer: 'adam' }),
  run(2, 'Optimizers', { label: 'SGD', optimizer: 'sgd', options: [['momentum', '0.9']], base: 0.05 }),
  run(3, 'Optimizers', { label: 'Adafactor', optimizer: 'adafactor', base: 0.02 }),
  run(10, 'More epochs', { epochs: 10 }),
  run(11, 'More epochs', { epochs: 20 }),
  run(12, 'Learning rate', { learningRate: 0.001 }),
  run(13, 'Learning rate', { learningRate: 0.01 }),
  run(14, 'Both', { learningRate: 0.01, epochs: 10 }),
]);

describe('results.md (issue 16 item 6, issue 19 item 2)', () => {
  const md = markdownTables(log);

  it('states the settings a group shares once above its table, the convention and the options included, and keeps the varying ones as columns', () => {
    expect(md).toContain(
      '## Optimizers\n\nSame in every run: keras convention, loss BCE, 5 epochs, learning rate 0.0001, dropout 0.4, batch size 2048, embedding dimension 16.\n\n| run | optimizer | options | NDCG@10 | HR@10 |\n',
    );
    expect(md).toContain('| 2 | SGD | momentum 0.9 | 0.10000 | 0.20000 |');
    expect(md).toContain('| 1 | Adam | defaults | **0.15000** | **0.30000** |');
    expect(md).toContain(
      "## More epochs\n\nSame in every run: keras convention, loss BCE, learning rate 0.0001, default options, dropout 0.4, batch size 2048, embedding dimension 16.\n\n| run | optimizer | epochs | NDCG@10 | HR@10 |\n",
    );
    expect(md).toContain("## Both\n\nSettings: keras convention, loss BCE, 10 epochs, learning rate 0.01, default options, dropout 0.4, batch size 2048, embedding dimension 16.\n\n| run | optimizer | NDCG@10 | HR@10 |\n");
    expect(md).toContain('One seed: 0.');
  });

  it('names a torch run and its non-default options in the sentence of a one-convention group', () => {
    const torch = markdownTables(report([run(1, 'G', { convention: 'torch', label: 'SGD', optimizer: 'sgd', options: [['momentum', '0.9']] }), run(2, 'G', { convention: 'torch', label: 'SGD', optimizer: 'sgd', options: [['momentum', '0.9']], epochs: 3 })]));
    expect(torch).toContain('Same in every run: torch convention, loss BCE, learning rate 0.0001, momentum 0.9, dropout 0.4');
    expect(torch).toContain('| run | optimizer | epochs | NDCG@10 | HR@10 |');
  });
});

describe('the report page', () => {
  it('keeps ± cells on one line, draws plots at the page width, and says what each group shares', async () => {
    const html = (await sweepReportFiles(report([...log.runs], [0, 1, 2]))).get('report.html')!;
    expect(html).toMatch(/td\.num\{[^}]*white-space:nowrap/);
    expect(html).toMatch(/\.plots svg\{width:100%;height:auto\}/);
    expect(html).toContain('<p>Same in every run: keras convention, loss BCE, 5 epochs, learning rate 0.0001, dropout 0.4, batch size 2048, embedding dimension 16.</p>');
    expect(html).toContain('Mean ± standard deviation over seeds 0, 1, 2.');
    expect(XMLValidator.validate(html.replace('<!DOCTYPE html>', ''))).toBe(true);
  });
});

describe('plots (issue 16 item 5, issue 19 items 2 and 3)', () => {
  it('labels runs by what differs in their group, and gives each its own colour, dash and shape', () => {
    const spec = curvesSpec(log, 'More epochs', 'ndcg') as unknown as { layer: { mark: { type: string }; encoding: Record<string, { scale?: { domain: string[]; range: unknown[] } }> }[] };
    const line = spec.layer.find((l) => l.mark.type === 'line')!;
    const point = spec.layer.find((l) => l.mark.type === 'point')!;
    expect(line.encoding.color.scale!.domain).toEqual(['Nadam, 10 epochs', 'Nadam, 20 epochs']);
    for (const [layer, channel] of [[line, 'color'], [line, 'strokeDash'], [point, 'shape']] as const) {
      const range = layer.encoding[channel].scale!.range.map((v) => JSON.stringify(v));
      expect(new Set(range).size, channel).toBe(2);
    }
    const optimizers = curvesSpec(log, 'Optimizers', 'ndcg') as unknown as { layer: { encoding: { color?: { scale: { domain: string[] } } } }[] };
    expect(optimizers.layer[0].encoding.color!.scale.domain).toEqual(['Adam, default options', 'SGD, momentum 0.9', 'Adafactor, default options']);
  });

  it('starts every epoch axis at 1, names the metric on every axis, and says the convention and seeds', () => {
    const spec = JSON.stringify(curvesSpec(log, 'More epochs', 'hitRate'));
    expect(spec).toContain('"scale":{"domain":[1,20],"nice":false}');
    expect(spec).toContain('"title":"HR@10"');
    expect(spec).toContain('"subtitle":"keras convention · 1 seed (0) · dashed grey: popularity baseline"');
    expect(JSON.stringify(barsSpec(log, 'Optimizers'))).toContain('"title":"NDCG@10, HR@10 after the last epoch"');
    expect(JSON.stringify(learningRateSpec(log, 'Learning rate'))).toContain('"title":"NDCG@10, HR@10"');
    expect(JSON.stringify(barsSpec(log, 'Optimizers'))).not.toContain('"title":"after the last epoch"');
  });

  it('draws the popularity baseline as a labelled rule in every metric plot, not in the loss plot', async () => {
    const files = await sweepReportFiles(log);
    for (const name of ['g1-optimizers-ndcg.svg', 'g1-optimizers-bars.svg', 'g3-learning-rate-learning-rate.svg']) {
      expect(files.get(`plots/${name}`), name).toContain('popularity baseline NDCG@10 0.3542');
    }
    expect(files.get('plots/g1-optimizers-hr.svg')).toContain('popularity baseline HR@10 0.6000');
    expect(files.get('plots/g1-optimizers-loss.svg')).not.toContain('popularity baseline');
  });

  it('gives every point a <title> tooltip (run, epoch, value) in an SVG without scripts', async () => {
    const svg = (await sweepReportFiles(log)).get('plots/g2-more-epochs-ndcg.svg')!;
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(titles).toHaveLength(30);
    expect(titles).toContain('run 11: Nadam, 20 epochs; epoch 20; NDCG@10 0.30000');
    expect(svg).not.toContain('<script');
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('shows ± sd as a band, and the number of seeds, when there are several', () => {
    const three = report([run(1, 'G', { seeds: 3 }), run(2, 'G', { seeds: 3, epochs: 3 })], [0, 1, 2]);
    const spec = curvesSpec(three, 'G', 'ndcg') as unknown as { title: { subtitle: string }; layer: { mark: { type: string } }[] };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['area', 'line', 'point', 'rule', 'text']);
    expect(spec.title.subtitle).toContain('mean of 3 seeds, band ± 1 sd');
    expect(JSON.stringify(curvesSpec(log, 'More epochs', 'ndcg'))).not.toContain('"area"');
  });

  it('draws metric against learning rate only where one line has two or more rates', async () => {
    const single = report([run(1, 'G', { label: 'Adam', optimizer: 'adam', learningRate: 0.01 }), run(2, 'G', { label: 'SGD', optimizer: 'sgd', learningRate: 0.1 })]);
    expect(learningRateRuns(single, 'G')).toEqual([]);
    expect([...(await sweepReportFiles(single)).keys()].filter((f) => f.includes('learning-rate'))).toEqual([]);
    // The group's two rates; runs 10, 11 and 14 (other epochs) are on other lines.
    expect(learningRateRuns(log, 'Learning rate').map((r) => r.number)).toEqual([12, 13]);
  });

  it("says '1 epoch', not '1 epochs'", () => {
    const one = report([run(1, 'G', { epochs: 1, learningRate: 0.01 }), run(2, 'G', { epochs: 1, learningRate: 0.1 })]);
    expect((learningRateSpec(one, 'G') as unknown as { title: { subtitle: string } }).title.subtitle).toContain('after 1 epoch ·');
  });

  it('gives the same files twice', async () => {
    expect(await sweepReportFiles(log)).toEqual(await sweepReportFiles(log));
  });
});
