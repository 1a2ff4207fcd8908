// Browser soak of Carry's web build (tools/soak.py runs it): serve.py in the background, the page
// in headless Debian Chromium (playwright-core from tests/browser/node_modules), training and
// stepping the addition animation and resetting now and then through window.carry, for --seconds.
// Every second it prints one CSV line on stdout:
//   t_s,frames,frame_ms_mean,frame_ms_p99,frame_ms_max,wasm_heap_bytes,js_heap_used_bytes,js_heap_total_bytes,action
// frame_ms = intervals between requestAnimationFrame callbacks in the page (what a student sees);
// wasm_heap = Module.HEAP8.length (the wasm memory, grows only); js_heap = performance.memory
// (precise: --enable-precise-memory-info). Console errors and page errors go to stderr and make
// the exit code 1.
//
//   node tests/robustness/soak_browser.mjs <repo-root> --dir build/web/site --seconds 600
import { existsSync } from 'node:fs';
import path from 'node:path';

import { launch, startServer } from '../browser/lib.mjs';

// Beyond the browser tests' flags: precise JS heap figures, and no throttling of a page nobody sees.
const SOAK_ARGS = [
  '--enable-precise-memory-info', '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

function parseArgs(argv) {
  const o = { seconds: 30, chromium: '/usr/bin/chromium', resetEvery: 30 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--dir') o.dir = path.resolve(v());
    else if (a === '--seconds') o.seconds = Number(v());
    else if (a === '--reset-every') o.resetEvery = Number(v());
    else if (a === '--chromium') o.chromium = v();
    else if (!o.repo) o.repo = path.resolve(a);
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!o.repo) throw new Error('usage: soak_browser.mjs <repo-root> [--dir site] [--seconds N] [--reset-every N]');
  o.dir ??= path.join(o.repo, 'build', 'web', 'site');
  for (const f of ['index.html', 'carry.js', 'carry.wasm'])
    if (!existsSync(path.join(o.dir, f))) throw new Error(`${path.join(o.dir, f)} is missing: build the web preset first`);
  return o;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const server = await startServer(o.repo, o.dir);
  let browser;
  let errors = 0;
  try {
    browser = await launch({ chromium: o.chromium, args: SOAK_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.type() === 'error') { errors++; process.stderr.write(`console error: ${m.text()}\n`); }
    });
    page.on('pageerror', (e) => { errors++; process.stderr.write(`page error: ${e.message}\n`); });
    page.on('crash', () => { errors++; process.stderr.write('page crashed\n'); });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.evaluate(() => Promise.race([
      window.carry.ready,
      new Promise((_, reject) => setTimeout(() => reject(new Error('carry.ready not resolved in 60 s')), 60000)),
    ]));
    // Frame intervals, recorded in the page.
    await page.evaluate(() => {
      window.__soak = { dts: [], last: performance.now() };
      const tick = (now) => {
        window.__soak.dts.push(now - window.__soak.last);
        window.__soak.last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const hasApi = await page.evaluate(() => typeof window.carry.play === 'function');
    process.stderr.write(`soak_browser: page ready at ${server.url}; window.carry API ${hasApi ? 'present' : 'MISSING (no actions)'}\n`);
    // Calls into the app; a refusal (e.g. a setting the build does not know) is logged, not fatal.
    const call = (expr) => page.evaluate(async (e) => {
      try { await (0, eval)(e); return ''; } catch (err) { return String(err && err.message || err); }
    }, expr);
    const mixes = [
      'carry.setState({hidden: 3, lr: 0.2, batch: 8})',
      'carry.setState({hidden: 16, max_bits: 64, min_bits: 32, batch: 64})',
      'carry.setState({hidden: 3, lr: 1000000, clip: 0})',
      'carry.setState({hidden: 8, optimizer: "adam", lr: 0.01})',
    ];
    if (hasApi) for (const r of [await call('carry.play()')]) if (r) process.stderr.write(`play: ${r}\n`);

    console.log('t_s,frames,frame_ms_mean,frame_ms_p99,frame_ms_max,wasm_heap_bytes,js_heap_used_bytes,js_heap_total_bytes,action');
    const t0 = Date.now();
    let nextReset = o.resetEvery, mix = 0;
    for (let s = 1; ; s++) {
      await sleep(Math.max(0, t0 + s * 1000 - Date.now()));
      const t = (Date.now() - t0) / 1000;
      let action = '';
      if (hasApi) {
        if (t >= nextReset) {
          nextReset += o.resetEvery;
          mix = (mix + 1) % mixes.length;
          const r = (await call('carry.reset()')) || (await call(mixes[mix])) || (await call('carry.play()'));
          action = `reset+mix${mix}` + (r ? `(${r.replace(/[,\n]/g, ' ').slice(0, 60)})` : '');
        } else if (s % 5 === 0) {
          const r = await call('carry.step()');  // one animation step (pauses stepping, not training)
          action = r ? `step(${r.replace(/[,\n]/g, ' ').slice(0, 40)})` : 'step';
        } else if (s % 7 === 0) {
          const r = await call('carry.train(2000)');
          action = r ? `train(${r.replace(/[,\n]/g, ' ').slice(0, 40)})` : 'train2000';
        }
      }
      const m = await page.evaluate(() => {
        const dts = window.__soak.dts.splice(0);
        const mem = performance.memory || {};
        return { dts, heap: window.Module && Module.HEAP8 ? Module.HEAP8.length : -1,
                 used: mem.usedJSHeapSize ?? -1, total: mem.totalJSHeapSize ?? -1 };
      });
      const d = m.dts.sort((a, b) => a - b);
      const mean = d.length ? d.reduce((a, b) => a + b, 0) / d.length : 0;
      const p99 = d.length ? d[Math.min(d.length - 1, Math.floor(d.length * 0.99))] : 0;
      const max = d.length ? d[d.length - 1] : 0;
      console.log(`${t.toFixed(1)},${d.length},${mean.toFixed(3)},${p99.toFixed(3)},${max.toFixed(3)},` +
                  `${m.heap},${m.used},${m.total},${action}`);
      if (t >= o.seconds) break;
    }
  } finally {
    if (browser) await browser.close();
    server.proc.kill('SIGINT');
  }
  if (errors) {
    process.stderr.write(`soak_browser: ${errors} console/page errors\n`);
    process.exit(1);
  }
}

main().catch((e) => { process.stderr.write(`soak_browser: ${e.stack || e}\n`); process.exit(1); });
