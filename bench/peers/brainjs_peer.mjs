// brain.js peer: brain.recurrent.RNNTimeStep (its Equation graph does the forward pass and BPTT).
// Where its API does not fit the recipe (RECIPE.md), this peer bends it, and says so:
//  - RNNTimeStep's hidden units are ReLU: getEquation is overridden to use equation.sigmoid.
//  - Its train() does next-step regression (MSE on a linear output, vector -> next vector), not a
//    separate target per step: we drive the bound equations ourselves, one per column, and write the
//    cross-entropy derivative (sigmoid(z) - y) into the linear output's deltas, which makes that
//    output the logit of a logistic unit with cross-entropy.
//  - Its update is RMSProp with per-weight clipping and no minibatch: adjustWeights is overridden
//    with global-norm clipping at 1 + SGD with momentum, after summing the deltas of B sequences
//    (brain.js runs them one by one; there is no batched kernel).
//  - Its initial hidden state is a fixed zero matrix, not learned (no h0 parameter).
//  - Weights are re-drawn with the recipe's init. Float32 weights (brain.js Matrix is Float32Array).
// brain.js 2 pulls in gpu.js -> headless-gl, whose native build cannot run offline; bench/run.py
// installs with `npm ci --ignore-scripts` and this CPU path never loads gl.
import { createRequire } from 'node:module';
import { main, mulberry32, normal } from './common.mjs';

const require = createRequire(import.meta.url);
const brain = require('brain.js');
const pkg = require('brain.js/package.json');

class SigmoidRNNTimeStep extends brain.recurrent.RNNTimeStep {
  getEquation(equation, inputMatrix, previousResult, hiddenLayer) {
    const { add, multiply } = { add: equation.add.bind(equation), multiply: equation.multiply.bind(equation) };
    return equation.sigmoid(add(add(multiply(hiddenLayer.weight, inputMatrix),
      multiply(hiddenLayer.transition, previousResult)), hiddenLayer.bias));
  }
}

function makeTrainer(H, B, seed) {
  const net = new SigmoidRNNTimeStep({ inputSize: 2, hiddenLayers: [H], outputSize: 1 });
  net.initialize();
  const m = net.model;
  const rng = mulberry32(seed * 7919 + 17);
  const fan = (mat) => (mat === m.outputConnector || mat === m.output ? H + 1 : 2 + H + 1);
  for (const mat of m.allMatrices) for (let i = 0; i < mat.weights.length; i++) mat.weights[i] = (2 * normal(rng)) / Math.sqrt(fan(mat));
  const vel = m.allMatrices.map((mat) => new Float64Array(mat.weights.length));
  // brain.js keeps a reference to each step's input array (Equation.input), so one array per step.
  const xins = [];
  const bind = (T) => {
    while (m.equations.length < T) net.bindEquation();
    while (xins.length < T) xins.push(new Float32Array(2));
  };

  // One sequence (column-major slice b of the batch): forward through T equations, CE deltas, BPTT.
  function sequence(batch, b) {
    const { T, B: nb, x, y } = batch;
    bind(T);
    for (let t = 0; t < T; t++) {
      const xin = xins[t];
      xin[0] = x[(t * nb + b) * 2]; xin[1] = x[(t * nb + b) * 2 + 1];
      const out = m.equations[t].runInput(xin);
      out.deltas[0] = 1 / (1 + Math.exp(-out.weights[0])) - y[t * nb + b];
    }
    for (let t = T - 1; t >= 0; t--) m.equations[t].backpropagate();
  }
  return {
    step(batch) {
      for (let b = 0; b < batch.B; b++) sequence(batch, b);
      let sq = 0;
      for (const mat of m.allMatrices) for (const d of mat.deltas) sq += d * d;
      const norm = Math.sqrt(sq) / batch.B;
      const s = (norm > 1 ? 1 / norm : 1) / batch.B;
      m.allMatrices.forEach((mat, k) => {
        const w = mat.weights, d = mat.deltas, v = vel[k];
        for (let i = 0; i < w.length; i++) { v[i] = 0.8 * v[i] - 0.2 * s * d[i]; w[i] += v[i]; d[i] = 0; }
      });
    },
    predict(batch) {
      const { T, B: nb, x } = batch;
      bind(T);
      const pred = new Float64Array(T * nb);
      for (let b = 0; b < nb; b++)
        for (let t = 0; t < T; t++) {
          const xin = xins[t];
          xin[0] = x[(t * nb + b) * 2]; xin[1] = x[(t * nb + b) * 2 + 1];
          pred[t * nb + b] = m.equations[t].runInput(xin).weights[0] >= 0 ? 1 : 0;
        }
      return pred;
    },
  };
}

await main(makeTrainer, { brainjs: pkg.version });
