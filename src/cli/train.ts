/** `seedgrad train`: one run of a workload (the recommender of docs/protocol.md by default), with checkpoints and resume. */
import { mkdirSync } from 'node:fs';
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { choiceFlag, intFlag, numberFlag, parseFlags, type ParsedArgs } from './args.ts';
import { createProgressBar } from './progress.ts';
import { backendFlagHelp, applyBackendFlag, describeBackend } from './backend-flag.ts';
import { parseOptimizerOptionFlags } from './optimizer-flags.ts';
import { trainHeader } from './train-header.ts';
import { diagnosticsLines } from './train-diagnostics.ts';
import { buildDataset, resolveDataSource } from '../data/index.ts';
import { HIDDEN_ACTIVATIONS, MODEL_KINDS } from '../model/index.ts';
import { CONVENTIONS, OPTIMIZER_NAMES, createOptimizer } from '../optim/index.ts';
import { epsilonDominanceStatement } from '../optim/epsilon-dominance.ts';
import { PROTOCOL_DEFAULTS, hasCheckpoint, loadCheckpoint, resolveTrainConfig, runTraining, type EpochRecord, type TrainConfig } from '../experiment/index.ts';
import { WORKLOAD_NAMES, workloadOf } from '../experiment/workloads/index.ts';

const help = `Usage: seedgrad train [flags]

Trains a workload and scores it after every epoch. The default, recommender, trains
NeuMF on implicit feedback with binary cross-entropy, scored by HR@10 and NDCG@10
(docs/protocol.md; defaults are the protocol's). teacher-student trains an MLP on a
synthetic teacher–student set, scored by training-set and test loss (docs/workload.md).

Flags:
  --workload NAME        ${WORKLOAD_NAMES.join(' | ')} (default recommender)
  --data PATH|synthetic  ratings file or MovieLens folder (ratings.csv, ratings.dat,
                         u.data); default: the embedded synthetic dataset;
                         synthetic:users=U,items=I,interactions=N (and rank=R,
                         seed=S) generates one of another size
  --model NAME           ${MODEL_KINDS.join(' | ')} (default neumf)
  --optimizer NAME       ${OPTIMIZER_NAMES.join(', ')}, or amsgrad (adam with
                         amsgrad: true, as landscape and sweeps name it) (default adam);
                         sparseadam updates the embedding tables' touched rows and the
                         dense layers by Adam (--opt denseAdam=false refuses them);
                         lbfgs needs a closure: the API and landscape only;
                         adamw-schedulefree and sgd-schedulefree are scored at x,
                         their average (training runs at y); muon in torch takes
                         only matrices, so NeuMF (with biases) needs keras's muon
  --convention NAME      ${CONVENTIONS.join(' | ')}: whose defaults and formulas (default keras, or
                         the one convention a rule has: torch for sparseadam)
  --lr X                 learning rate (default: the convention's, 0.001 for Keras Adam)
  --opt KEY=VALUE        another optimizer option, repeatable: --opt amsgrad=true
                         --opt weightDecay=0.004 --opt momentum=0.9
  --epochs N             default ${PROTOCOL_DEFAULTS.epochs}
  --batch-size N         default ${PROTOCOL_DEFAULTS.batchSize}
  --embed-dim N          default ${PROTOCOL_DEFAULTS.embedDim} (MLP tower 2d→4d→2d→d)
  --dropout P            in [0, 1), default ${PROTOCOL_DEFAULTS.dropout}
  --negatives N          negatives per training positive, default ${PROTOCOL_DEFAULTS.negatives}
  --eval-negatives N     sampled negatives per user at evaluation, default ${PROTOCOL_DEFAULTS.evalNegatives}
  --top-k K              K of HR@K and NDCG@K, default ${PROTOCOL_DEFAULTS.topK}
  --full-ranking         also rank against every item the user has not trained on
  --seed N               default ${PROTOCOL_DEFAULTS.seed}
  --dtype NAME           float32 | float64 (default float32)

teacher-student flags (defaults: docs/workload.md):
  --loss NAME            mse (regression) | bce (classification of the teacher's sign)
  --input-dim N          inputs per example, drawn from N(0, I)
  --hidden-width N       units of each hidden layer of the student
  --depth N              hidden layers of the student (0: a linear model)
  --activation NAME      ${HIDDEN_ACTIVATIONS.join(' | ')}
  --teacher-width N      hidden units of the teacher (one tanh layer)
  --samples N            training examples; --batch-size defaults to it (full batch)
  --test-samples N       held-out examples
  --label-noise X        mse: sd of noise on training targets; bce: flip probability
${backendFlagHelp(25)}
  --out DIR              write a checkpoint after every epoch (model.safetensors,
                         optimizer state, RNG states)
  --resume DIR           continue the run checkpointed in DIR with its saved config
                         (only --epochs may change it; --data may point to the same
                         data elsewhere, other data is refused; writes on into DIR
                         unless --out)
  --force                let --out replace the checkpoint of an earlier run there
                         (refused otherwise)
  --diagnostics N        every N optimizer steps, measure per parameter tensor: gradient
                         norm, update norm, update/weight, quantiles of the effective
                         per-element step |Δp|/|g|, and the ε-dominance fraction in the
                         rule's own convention; printed for the last measured step of
                         each epoch, all of them in --json's history (off by default: no cost)
  --sharpness            with --diagnostics: also the top Hessian eigenvalue of the step's
                         batch loss (Lanczos on exact Hessian-vector products, dropout off,
                         tolerance 1e-3, at most 20 iterations; both reported)
  --json                 print one JSON object (config, baseline, per-epoch history) last`;

const FLAGS = {
  workload: { type: 'string' },
  data: { type: 'string' },
  model: { type: 'string' },
  optimizer: { type: 'string' },
  convention: { type: 'string' },
  lr: { type: 'string' },
  opt: { type: 'string', multiple: true },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  'embed-dim': { type: 'string' },
  dropout: { type: 'string' },
  negatives: { type: 'string' },
  'eval-negatives': { type: 'string' },
  'top-k': { type: 'string' },
  'full-ranking': { type: 'boolean' },
  seed: { type: 'string' },
  dtype: { type: 'string' },
  backend: { type: 'string' },
  accumulation: { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  diagnostics: { type: 'string' },
  sharpness: { type: 'boolean' },
  loss: { type: 'string' },
  'input-dim': { type: 'string' },
  'hidden-width': { type: 'string' },
  depth: { type: 'string' },
  activation: { type: 'string' },
  'teacher-width': { type: 'string' },
  samples: { type: 'string' },
  'test-samples': { type: 'string' },
  'label-noise': { type: 'string' },
} as const;

const FLAG_OF: Record<string, string> = {
  data: '--data', model: '--model', optimizer: '--optimizer', convention: '--convention', epochs: '--epochs', batchSize: '--batch-size',
  embedDim: '--embed-dim', dropout: '--dropout', negatives: '--negatives', evalNegatives: '--eval-negatives', topK: '--top-k',
  fullRanking: '--full-ranking', seed: '--seed', dtype: '--dtype', optimizerOptions: '--lr/--opt', workload: '--workload', loss: '--loss',
  inputDim: '--input-dim', hiddenWidth: '--hidden-width', depth: '--depth', activation: '--activation', teacherWidth: '--teacher-width',
  samples: '--samples', testSamples: '--test-samples', labelNoise: '--label-noise',
};

/** The config the flags ask for; only the flags given are set (the workload's config checks the rest). */
function configFromFlags(args: ParsedArgs): Partial<TrainConfig> {
  const partial: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => value !== undefined && (partial[key] = value);
  if (args.values.workload !== undefined) set('workload', choiceFlag(args, 'workload', WORKLOAD_NAMES, 'recommender'));
  set('data', args.values.data);
  if (args.values.model !== undefined) set('model', choiceFlag(args, 'model', MODEL_KINDS, 'neumf'));
  if (args.values.optimizer !== undefined) set('optimizer', choiceFlag(args, 'optimizer', [...OPTIMIZER_NAMES, 'amsgrad'], 'adam'));
  if (args.values.convention !== undefined) set('convention', choiceFlag(args, 'convention', CONVENTIONS, 'keras'));
  if (args.values.dtype !== undefined) set('dtype', choiceFlag(args, 'dtype', ['float32', 'float64'] as const, 'float32'));
  if (args.values.loss !== undefined) set('loss', choiceFlag(args, 'loss', ['bce', 'mse'] as const, 'bce'));
  if (args.values.activation !== undefined) set('activation', choiceFlag(args, 'activation', HIDDEN_ACTIVATIONS, 'tanh'));
  const ints: [string, string, number][] = [
    ['epochs', 'epochs', 1], ['batchSize', 'batch-size', 1], ['embedDim', 'embed-dim', 1], ['negatives', 'negatives', 0], ['evalNegatives', 'eval-negatives', 1], ['topK', 'top-k', 1], ['seed', 'seed', 0],
    ['inputDim', 'input-dim', 1], ['hiddenWidth', 'hidden-width', 1], ['depth', 'depth', 0], ['teacherWidth', 'teacher-width', 1], ['samples', 'samples', 1], ['testSamples', 'test-samples', 1],
  ];
  for (const [key, flag, min] of ints) if (args.values[flag] !== undefined) set(key, intFlag(args, flag, 0, min));
  set('dropout', numberFlag(args, 'dropout'));
  set('labelNoise', numberFlag(args, 'label-noise'));
  if (args.values['full-ranking'] === true) set('fullRanking', true);
  const options = parseOptimizerOptionFlags(args.values.opt as string[] | undefined);
  const lr = numberFlag(args, 'lr');
  if (lr !== undefined) options.learningRate = lr;
  if (Object.keys(options).length > 0) set('optimizerOptions', options);
  return partial as Partial<TrainConfig>;
}

function epochLine(config: TrainConfig, r: EpochRecord): string {
  return `epoch ${r.epoch}/${config.epochs}  loss ${r.loss.toFixed(4)}  ${workloadOf(config).metricsLine(config, r)}  ` +
    `train ${r.trainingSeconds.toFixed(1)}s  sampling ${r.samplingSeconds.toFixed(2)}s  eval ${r.evaluationSeconds.toFixed(2)}s`;
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train NeuMF (or GMF, MLP) on MovieLens or synthetic data, scored by HR@10 and NDCG@10, or an MLP on a teacher–student set',
  help,
  async run(argv) {
    const args = parseFlags('train', argv, FLAGS);
    const requested = configFromFlags(args);
    const resumeDir = args.values.resume as string | undefined;
    let config: TrainConfig;
    let checkpoint;
    if (resumeDir !== undefined) {
      if (!hasCheckpoint(resumeDir)) throw new UsageError(`--resume: no checkpoint in '${resumeDir}' (expected ${resumeDir}/checkpoint.json)`);
      checkpoint = loadCheckpoint(resumeDir);
      const changed = Object.keys(requested).filter((key) => key !== 'epochs' && key !== 'data');
      if (changed.length > 0) throw new UsageError(`--resume uses the checkpoint's config; only --epochs may change it, not ${changed.map((k) => FLAG_OF[k] ?? k).join(', ')}`);
      config = resolveTrainConfig({ ...checkpoint.config, ...requested }, '', (key) => FLAG_OF[key] ?? key);
      if (config.epochs <= checkpoint.epoch) throw new UsageError(`--resume: the checkpoint already holds ${checkpoint.epoch} epochs; pass --epochs above ${checkpoint.epoch} to continue`);
      // (runTraining checks the same for API callers; here the message can name the flag.)
    } else {
      config = resolveTrainConfig(requested, '', (key) => FLAG_OF[key] ?? key);
    }
    const out = (args.values.out as string | undefined) ?? resumeDir;
    // Another run's checkpoint in --out is replaced only on request; resuming writes on into its own folder.
    if (out !== undefined && out !== resumeDir && args.values.force !== true && hasCheckpoint(out)) {
      let epoch = '';
      try {
        epoch = ` (epoch ${loadCheckpoint(out).epoch})`;
      } catch {
        // A damaged checkpoint is still one not to overwrite silently.
      }
      throw new UsageError(`--out ${out} already holds a checkpoint${epoch}; pass --force to replace it, or --resume ${out} to continue it`);
    }
    // Fail on an unusable --out now, not after the first epoch has trained.
    if (out !== undefined) mkdirSync(out, { recursive: true });
    const json = args.values.json === true;
    const log = (line: string) => process.stdout.write(line + '\n');

    const backend = await applyBackendFlag(args);
    const workload = workloadOf(config);
    // Only a workload that trains on loaded data (the recommender's ratings) loads any.
    const dataset = 'data' in config && workload.loadsData ? buildDataset(await resolveDataSource(config.data)) : undefined;
    if (dataset !== undefined) log(`data ${dataset.source}: ${dataset.numUsers} users, ${dataset.numItems} items, ${dataset.numTrain} training positives`);
    log(trainHeader(config));
    log(describeBackend(backend));
    if (checkpoint) log(`resuming from ${resumeDir} after epoch ${checkpoint.epoch}`);
    const diagnostics = args.values.diagnostics === undefined ? undefined : intFlag(args, 'diagnostics', 1, 1);
    if (args.values.sharpness === true && diagnostics === undefined) throw new UsageError('--sharpness is measured at the --diagnostics steps: give --diagnostics N too');
    const sharpness = args.values.sharpness === true ? { seed: config.seed, tolerance: 1e-3, maxIterations: 20 } : undefined;
    if (diagnostics !== undefined) log(`diagnostics every ${diagnostics} steps; ε-dominance: ${epsilonDominanceStatement(createOptimizer(config.optimizer, { convention: config.convention, options: config.optimizerOptions, params: [] })).statement}`);
    const bar = createProgressBar('training');
    const result = runTraining(config, dataset, {
      checkpointDir: out,
      resume: checkpoint,
      onStep: (epoch, step, steps, loss) => bar.update(step, steps, `epoch ${epoch}/${config.epochs} loss ${loss.toFixed(4)}`),
      onEpoch: (record) => {
        bar.clear();
        log(epochLine(config, record));
        const last = record.diagnostics?.at(-1);
        if (last !== undefined) for (const line of diagnosticsLines(last)) log(line);
      },
      diagnostics,
      sharpness,
    });
    log(`${workload.baseline.name}  ${workload.metricsLine(config, result.baseline)}`);
    if (out !== undefined) log(`checkpoint: ${out}/checkpoint.json`);
    if (json) log(JSON.stringify(result));
    return 0;
  },
};
