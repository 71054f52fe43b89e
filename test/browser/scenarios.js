// The same computations run in Node (against src) and in headless Chromium (against
// dist/seedgrad.browser.js): each takes the seedgrad module and returns plain data, so
// the two results can be compared exactly. Plain JavaScript, so the page can import it.

const toList = (array) => Array.from(array);

/** The gradient fuzzer over every op of the table and the compositions, at a fixed seed (it loads fast-check first). */
export async function fuzzEveryOp(sg, { seed = 7, runs = 4 } = {}) {
  await sg.loadFuzzer();
  return [...sg.opTable(), sg.COMPOSITIONS].map((target) => {
    const report = sg.fuzzTarget(target, { seed, runs });
    return { op: report.op, passed: report.passed, cases: report.cases, worstError: report.worstError };
  });
}

/** The input of one trace per optimizer and convention: 5 steps from a fixed start over fixed gradients, float64. */
export function traceInputs(sg) {
  const inputs = [];
  for (const optimizer of sg.OPTIMIZER_NAMES) {
    for (const convention of sg.CONVENTIONS) {
      const rng = sg.createRng(`trace-${optimizer}`);
      const w = Array.from({ length: 6 }, () => rng.uniformIn(-1, 1));
      const b = Array.from({ length: 3 }, () => rng.uniformIn(-1, 1));
      const grads = Array.from({ length: 5 }, () => [Array.from({ length: 6 }, () => rng.normal()), Array.from({ length: 3 }, () => rng.normal())]);
      const input = { optimizer, convention, options: { learningRate: 0.1 }, params: [{ name: 'w', shape: [2, 3], data: w }, { name: 'b', shape: [3], data: b }], grads };
      inputs.push({ optimizer, convention, json: JSON.stringify(input) });
    }
  }
  return inputs;
}

/** Every optimizer's trace (with its states) as the text `seedgrad trace --states` prints; a rule that has no such convention says so. */
export function traceEveryOptimizer(sg) {
  return traceInputs(sg).map(({ optimizer, convention, json }) => {
    try {
      return { optimizer, convention, text: sg.runTrace(sg.parseTraceInput(json), true).text };
    } catch (error) {
      if (error instanceof sg.OptimizerConfigError) return { optimizer, convention, refused: error.message };
      throw error;
    }
  });
}

/** 20 NeuMF training steps (Adam, BCE, dropout 0.4) on a small synthetic dataset, float32. */
export function neumfSteps(sg, { steps = 20, batch = 128 } = {}) {
  const dataset = sg.buildDataset(sg.generateSynthetic({ users: 60, items: 120, interactions: 1500, seed: 3 }));
  const rng = sg.createRng(11);
  const model = new sg.Recommender({ kind: 'neumf', numUsers: dataset.numUsers, numItems: dataset.numItems, embedDim: 8, dropout: 0.4, dtype: 'float32' }, rng.fork('model'));
  const named = model.namedParameters();
  const optimizer = sg.createOptimizer('adam', { convention: 'keras', options: { learningRate: 0.01 }, params: named.map(([name, p]) => ({ name, shape: p.shape, data: p.data })) });
  const epoch = sg.sampleTrainingEpoch(dataset, 4, rng.fork('negatives'), rng.fork('shuffle'));
  const losses = [];
  for (let step = 0; step < steps; step++) {
    const from = (step * batch) % (epoch.length - batch);
    const users = epoch.users.subarray(from, from + batch);
    const items = epoch.items.subarray(from, from + batch);
    const labels = sg.tensor(epoch.labels.slice(from, from + batch));
    for (const [, p] of named) p.grad = null;
    const loss = sg.binaryCrossEntropyWithLogits(model.forward(users, items), labels);
    loss.backward();
    losses.push(loss.data[0]);
    optimizer.step(new Map(named.map(([name, p]) => [name, p.grad.data])));
  }
  return { losses, parameters: Object.fromEntries(named.map(([name, p]) => [name, toList(p.data)])) };
}

/**
 * The gpujs backend's kernels through the ops (matmul with both transpose flags, gather,
 * its scatter-add backward, the dense layer forward and backward), float32, on whatever
 * backend is active: the caller runs it once on js and once on gpujs and compares.
 */
export function kernelOps(sg) {
  const rng = sg.createRng('kernels');
  const rand = (shape) => sg.randomUniform(shape, rng.fork(`t${shape.join('x')}-${rng.uniform()}`), -1, 1, { requiresGrad: true });
  const out = {};
  for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]]) {
    const a = rand(tA ? [33, 17] : [17, 33]);
    const b = rand(tB ? [9, 33] : [33, 9]);
    out[`matmul ${tA ? 'T' : 'N'}${tB ? 'T' : 'N'}`] = { value: toList(sg.matmul(a, b, { transposeA: tA, transposeB: tB }).data), sumAbs: toList(sg.matmul(sg.abs(a), sg.abs(b), { transposeA: tA, transposeB: tB }).data) };
  }
  const table = rand([50, 8]);
  const rows = sg.gather(table, [3, 7, 3, 49, 0, 7, 7]);
  out.gather = { value: toList(rows.data) };
  sg.sum(sg.mul(rows, rows)).backward();
  out['scatter-add'] = { value: toList(table.grad.data) };
  const x = rand([64, 24]);
  const w = rand([24, 16]);
  const bias = rand([16]);
  const y = sg.dense(x, w, bias, 'relu');
  out['dense forward'] = { value: toList(y.data), sumAbs: toList(sg.add(sg.matmul(sg.abs(x), sg.abs(w)), sg.abs(bias)).data) };
  sg.sum(sg.mul(y, y)).backward();
  out['dense backward dx'] = { value: toList(x.grad.data) };
  out['dense backward dw'] = { value: toList(w.grad.data) };
  out['dense backward db'] = { value: toList(bias.grad.data) };
  return out;
}

/** Products large enough to be split across the js backend's threads (float32, WebAssembly kernel). */
export function largeProducts(sg) {
  const rng = sg.createRng('large');
  const a = sg.randomUniform([512, 192], rng.fork('a'), -1, 1, { requiresGrad: true });
  const w = sg.randomUniform([192, 160], rng.fork('w'), -1, 1, { requiresGrad: true });
  const b = sg.randomUniform([160], rng.fork('b'), -1, 1, { requiresGrad: true });
  const y = sg.dense(a, w, b, 'relu');
  sg.sum(sg.mul(y, y)).backward();
  const c = sg.matmul(a, w);
  return { y: toList(y.data), c: toList(c.data), dw: toList(w.grad.data), dx: toList(a.grad.data) };
}

/** runTraining as `seedgrad train` runs it (2 epochs on a small synthetic set), without the timings, which differ run to run. */
export function trainTwoEpochs(sg) {
  const dataset = sg.buildDataset(sg.generateSynthetic({ users: 80, items: 400, interactions: 3000, seed: 5 }));
  const run = sg.runTraining(sg.resolveTrainConfig({ epochs: 2, optimizer: 'nadam', optimizerOptions: { learningRate: 0.01 }, seed: 2 }), dataset);
  const untimed = (record) => Object.fromEntries(Object.entries(record).filter(([key]) => !sg.TIMING_FIELDS.includes(key)));
  return { history: run.history.map(untimed), baseline: run.baseline, parameterCount: run.parameterCount };
}

/** `npm run bench:browser`'s work: NeuMF with the protocol's defaults on an ml-latest-small-sized synthetic set; per epoch, the training seconds and the loss. */
export function protocolEpochs(sg, epochs) {
  const dataset = sg.buildDataset(sg.generateSynthetic({ users: 610, items: 9724, interactions: 100_836, seed: 0 }));
  const run = sg.runTraining(sg.resolveTrainConfig({ epochs }), dataset);
  return run.history.map((h) => ({ seconds: h.trainingSeconds, loss: h.loss }));
}
