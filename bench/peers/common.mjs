// Shared driver of the JavaScript peers (TensorFlow.js, brain.js): the same protocol as common.py.
// A peer supplies makeTrainer(hidden, batch, seed) -> { step(batch), predict(batch) -> Float64Array
// of 0/1 sum bits, (T, B) row-major }. A batch is { T, B, x: Float64Array (T, B, 2), y: (T, B) }.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(rng) {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function randomBatch(rng, B, bits) {
  const T = bits + 1;
  const x = new Float64Array(T * B * 2);
  const y = new Float64Array(T * B);
  for (let b = 0; b < B; b++) {
    let carry = 0;
    for (let t = 0; t < T; t++) {
      const a = t < bits ? (rng() < 0.5 ? 1 : 0) : 0;
      const c = t < bits ? (rng() < 0.5 ? 1 : 0) : 0;
      const s = a + c + carry;
      x[(t * B + b) * 2] = a;
      x[(t * B + b) * 2 + 1] = c;
      y[t * B + b] = s & 1;
      carry = s >> 1;
    }
  }
  return { T, B, x, y };
}

// First n sequences of a batch as a batch of their own.
export function headBatch(batch, n) {
  const { T, B } = batch;
  const x = new Float64Array(T * n * 2);
  const y = new Float64Array(T * n);
  for (let t = 0; t < T; t++)
    for (let b = 0; b < n; b++) {
      x[(t * n + b) * 2] = batch.x[(t * B + b) * 2];
      x[(t * n + b) * 2 + 1] = batch.x[(t * B + b) * 2 + 1];
      y[t * n + b] = batch.y[t * B + b];
    }
  return { T, B: n, x, y };
}

export function allExact(pred, batch) {
  for (let i = 0; i < batch.y.length; i++) if (pred[i] !== batch.y[i]) return false;
  return true;
}

export function parseArgs(argv) {
  const a = { configs: '3x1,3x32,16x1,16x32', bits: 8, seconds: 1.0, seeds: '1-10', solveBudget: 30,
              maxSequences: 40000, backend: 'cpu' };
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const v = argv[i + 1];
    a[k] = typeof a[k] === 'number' ? Number(v) : v;
  }
  return a;
}

export function seedList(spec) {
  if (!spec) return [];
  if (spec.includes('-')) {
    const [lo, hi] = spec.split('-').map(Number);
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  }
  return spec.split(',').map(Number);
}

const now = () => performance.now() / 1000;
const SLICES = 5;

export async function throughput(makeTrainer, hidden, B, bits, seconds) {
  const rng = mulberry32(12345);
  const tr = await makeTrainer(hidden, B, 1);
  const batches = Array.from({ length: 64 }, () => randomBatch(rng, B, bits));
  let t0 = now();
  for (let k = 0; k < 3 || now() - t0 < Math.max(0.5, seconds * 0.3); k++) await tr.step(batches[k % 64]);
  // Best of SLICES slices (the machine is shared: a slice that lost the CPU says nothing about the
  // code); total_steps / total_seconds keep the plain average.
  let best = null, totalSteps = 0, totalSeconds = 0, k = 0;
  for (let s = 0; s < SLICES; s++) {
    let n = 0, el = 0;
    t0 = now();
    for (;;) {
      await tr.step(batches[k++ % 64]);
      n++;
      el = now() - t0;
      if (el >= seconds / SLICES) break;
    }
    const steps = n * B * (bits + 1);
    totalSteps += steps; totalSeconds += el;
    if (!best || steps / el > best.steps / best.el) best = { steps, el };
  }
  if (tr.dispose) tr.dispose();
  return { hidden, batch: B, bits, steps: best.steps, seconds: best.el, steps_per_second: best.steps / best.el,
           total_steps: totalSteps, total_seconds: totalSeconds, slices: SLICES };
}

export async function solve(makeTrainer, seeds, budget, maxSequences, bits) {
  const out = [];
  const tAll = now();
  for (const seed of seeds) {
    if (now() - tAll >= budget) { out.push({ seed, run: false }); continue; }
    const rng = mulberry32(seed);
    const val = randomBatch(mulberry32(1000000 + seed), 1000, 64);
    const quick = headBatch(val, 64);
    const tr = await makeTrainer(3, 8, seed);
    const t0 = now();
    let seqs = 0, solved = false, cut = false;
    while (seqs < maxSequences) {
      await tr.step(randomBatch(rng, 8, bits));
      seqs += 8;
      if (seqs % 256 === 0) {
        if (allExact(await tr.predict(quick), quick) && allExact(await tr.predict(val), val)) { solved = true; break; }
        if (now() - tAll >= budget) { cut = true; break; }
      }
    }
    if (tr.dispose) tr.dispose();
    out.push({ seed, run: true, solved, sequences: seqs, seconds: now() - t0, cut_by_budget: cut });
  }
  return out;
}

export async function main(makeTrainer, extra = {}, args = parseArgs(process.argv.slice(2))) {
  const rows = [];
  for (const cfg of args.configs.split(',').filter(Boolean)) {
    const [h, b] = cfg.split('x').map(Number);
    rows.push(await throughput(makeTrainer, h, b, args.bits, args.seconds));
    process.stderr.write(`  ${cfg}: ${rows[rows.length - 1].steps_per_second.toFixed(0)} steps/s\n`);
  }
  const solves = await solve(makeTrainer, seedList(args.seeds), args.solveBudget, args.maxSequences, args.bits);
  process.stdout.write(JSON.stringify({ throughput: rows, solve: solves, ...extra }) + '\n');
}
