// TensorFlow.js peer (Node, no tfjs-node): the recipe (RECIPE.md) with tf.variableGrads for BPTT,
// a global-norm clip and tf.train.momentum. float32 (TensorFlow.js has no float64).
// --backend cpu (pure JavaScript kernels) or wasm (@tensorflow/tfjs-backend-wasm, its .wasm from npm).
import { createRequire } from 'node:module';
import path from 'node:path';
import { main, parseArgs, mulberry32, normal } from './common.mjs';

const require = createRequire(import.meta.url);
const args = parseArgs(process.argv.slice(2));
const tf = require('@tensorflow/tfjs');
if (args.backend === 'wasm') {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  wasm.setWasmPaths(dist + path.sep);
  wasm.setThreadsCount?.(1);
}
await tf.setBackend(args.backend);
await tf.ready();

function makeTrainer(H, B, seed) {
  const rng = mulberry32(seed * 7919 + 17);
  const init = (shape, fanIn) => {
    const n = shape.reduce((p, v) => p * v, 1);
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (2 * normal(rng)) / Math.sqrt(fanIn);
    return tf.variable(tf.tensor(a, shape));
  };
  const v = {
    W_in: init([2, H], 2 + H + 1), W_rec: init([H, H], 2 + H + 1), b_hid: init([H], 2 + H + 1),
    w_out: init([H, 1], H + 1), b_out: init([1], H + 1), h0: tf.variable(tf.fill([1, H], 0.5)),
  };
  const vars = Object.values(v);
  const opt = tf.train.momentum(0.2, 0.8);
  const logits = (xs) => {
    const T = xs.length;
    let h = v.h0;
    const outs = [];
    for (let t = 0; t < T; t++) {
      h = tf.sigmoid(tf.add(tf.add(tf.matMul(xs[t], v.W_in), tf.matMul(h, v.W_rec)), v.b_hid));
      outs.push(tf.add(tf.matMul(h, v.w_out), v.b_out));
    }
    return tf.concat(outs, 1); // (B, T)
  };
  const toTensors = (batch) => {
    const { T, B: nb, x, y } = batch;
    const xs = [];
    for (let t = 0; t < T; t++) xs.push(tf.tensor2d(Float32Array.from(x.subarray(t * nb * 2, (t + 1) * nb * 2)), [nb, 2]));
    const yt = tf.transpose(tf.tensor2d(Float32Array.from(y), [T, nb])); // (B, T)
    return { xs, yt, nb };
  };
  return {
    step(batch) {
      tf.tidy(() => {
        const { xs, yt, nb } = toTensors(batch);
        const { grads } = tf.variableGrads(() => {
          const z = logits(xs);
          // cross-entropy with logits, summed over steps, mean over the batch
          const ce = tf.add(tf.sub(tf.relu(z), tf.mul(z, yt)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
          return tf.div(tf.sum(ce), nb);
        }, vars);
        const names = Object.keys(grads);
        const norm = Math.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(grads[k])))).dataSync()[0]);
        const s = norm > 1 ? 1 / norm : 1;
        const scaled = {};
        for (const k of names) scaled[k] = tf.mul(grads[k], s);
        opt.applyGradients(scaled);
      });
    },
    predict(batch) {
      const out = tf.tidy(() => {
        const { xs } = toTensors(batch);
        return tf.transpose(tf.greaterEqual(logits(xs), 0)); // (T, B)
      });
      const d = Float64Array.from(out.dataSync());
      out.dispose();
      return d;
    },
    dispose() { for (const t of vars) t.dispose(); opt.dispose(); },
  };
}

await main(makeTrainer, { tfjs: tf.version.tfjs, backend: tf.getBackend() }, args);
