// Side-by-side speed of widgets/lib/nn and TensorFlow Playground's engine (src/nn.ts of
// github.com/tensorflow/playground), run in one page on the same nets, the same initial weights,
// the same data in the same order and the same update (Playground: squared error ½(ŷ−y)², lr 0.03,
// mean over the batch; ours: MSE without ½, so lr 0.015 gives the identical step).
// Playground's code is not part of this repository: `measureVersus` runs when the bundle exposes
// it as `NN.PG` (see nn-engine.bench.mjs: PLAYGROUND_NN=<path to a copy of its src/nn.ts>).

/** Runs in the page. Returns samples/s for Playground, our bare engine and our Trainer. */
export function measureVersus() {
  const { Mlp, Sgd, MSE, train, xorDataset, spiralDataset, PG } = window.NN;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  /** Calls `chunk()` (which processes `per` samples) for ~ms milliseconds; returns samples/s. */
  function rate(chunk, per, ms = 600) {
    for (let k = 0; k < 50; k++) chunk(); // warm-up (JIT)
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < ms) { chunk(); n += per; }
    return (n * 1000) / (performance.now() - t0);
  }

  const cases = [
    { label: 'XOR 2-4-1, lote 4', sizes: [2, 4, 1], batch: 4, data: xorDataset() },
    { label: 'espiral 2-8-8-1, lote 10', sizes: [2, 8, 8, 1], batch: 10, data: spiralDataset({ perClass: 100, seed: 1 }) },
  ];
  const out = [];
  for (const c of cases) {
    const { data, batch, sizes } = c;
    const make = () => new Mlp({ sizes, activations: 'tanh', output: 'tanh', seed: 1 });
    // Playground's network with our initial weights (biases 0 like ours).
    const pgNet = () => {
      const net = PG.buildNetwork(sizes, PG.Activations.TANH, PG.Activations.TANH, null, ['x1', 'x2'], true);
      const ours = make();
      ours.layers.forEach((layer, l) => {
        net[l + 1].forEach((node, j) => {
          node.bias = layer.b[j];
          node.inputLinks.forEach((link, i) => { link.weight = layer.W[j * layer.nIn + i]; });
        });
      });
      return net;
    };
    const xs = Array.from({ length: data.n }, (_, p) => [data.x[2 * p], data.x[2 * p + 1]]);
    const ys = Array.from({ length: data.n }, (_, p) => data.y[p]);
    // Playground: forward + backprop per sample, one update every `batch` samples, data in order.
    const runPg = () => {
      const net = pgNet();
      let p = 0;
      return () => {
        for (let s = 0; s < batch; s++) {
          PG.forwardProp(net, xs[p]);
          PG.backProp(net, ys[p], PG.Errors.SQUARE);
          p = (p + 1) % data.n;
        }
        PG.updateWeights(net, 0.03, 0);
      };
    };
    // Our bare engine: batched forward, MSE, backward, SGD.
    const runBare = () => {
      const net = make();
      const sgd = new Sgd(net.params(), 0.015, 0);
      const X = new Float32Array(batch * 2);
      const Y = new Float32Array(batch);
      let p = 0;
      return () => {
        for (let s = 0; s < batch; s++) {
          X[2 * s] = data.x[2 * p]; X[2 * s + 1] = data.x[2 * p + 1]; Y[s] = data.y[p];
          p = (p + 1) % data.n;
        }
        const yhat = net.forwardBatch(X, batch);
        net.backward(MSE.compute(yhat, Y, batch, 1).grad);
        sgd.step();
      };
    };
    // Our Trainer (divergence checks, best-weights restore, sample order), data order kept.
    const runTrainer = () => {
      const t = train(make(), data, { lr: 0.015, batchSize: batch, loss: 'mse' });
      return () => t.trainSteps(25);
    };
    const pg = [], bare = [], tr = [];
    for (let round = 0; round < 5; round++) {
      pg.push(rate(runPg(), batch));
      bare.push(rate(runBare(), batch));
      tr.push(rate(runTrainer(), 25 * batch));
    }
    out.push({ label: c.label, pg: median(pg), bare: median(bare), trainer: median(tr) });
  }
  return out;
}
