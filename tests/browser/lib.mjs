// Shared helpers of the issue-6 browser tests (embed.test.mjs, scenario.test.mjs): serve.py in the
// background, Debian's Chromium through playwright-core, screenshots checked not blank.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];
export const MIN_FOREGROUND = 0.01;

// --dir <site> --artifacts <dir> [--chromium path] [--cli <carry-cli command>]
export function parseArgs(argv, name) {
  const o = { repo: null, dir: null, artifacts: null, chromium: '/usr/bin/chromium', cli: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--dir') o.dir = path.resolve(v());
    else if (a === '--artifacts') o.artifacts = path.resolve(v());
    else if (a === '--chromium') o.chromium = v();
    else if (a === '--cli') o.cli = v();
    else if (!o.repo) o.repo = path.resolve(a);
    else { console.error(`${name}: unexpected argument ${a}`); process.exit(2); }
  }
  if (!o.repo) { console.error(`usage: node ${name} <repo> [--dir site] [--artifacts dir] [--cli carry-cli]`); process.exit(2); }
  o.dir = o.dir ?? path.join(o.repo, 'build', 'web', 'site');
  o.artifacts = o.artifacts ?? path.join(o.repo, 'build', 'screenshots');
  mkdirSync(o.artifacts, { recursive: true });
  for (const f of ['index.html', 'carry.js', 'carry.wasm']) {
    if (!existsSync(path.join(o.dir, f))) { console.error(`${name}: ${path.join(o.dir, f)} missing`); process.exit(2); }
  }
  return o;
}

export async function startServer(repo, dir) {
  const proc = spawn('python3', [path.join(repo, 'serve.py'), '--no-build', '--quiet', '--port', '0', '--dir', dir],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py printed no URL: ${stderr}`)), 15000);
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const m = line.match(/(http:\/\/\S+:\d+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited ${code}: ${stderr}`)); });
  });
  return { proc, url };
}

export async function stopServer(server) {
  const p = server?.proc;
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGINT');
  const t = setTimeout(() => p.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(t);
}

// opts.chromium: the executable; opts.args: flags beyond CHROMIUM_ARGS (benchmarks, soak).
export async function launch(opts) {
  return chromium.launch({ executablePath: opts.chromium, args: [...CHROMIUM_ARGS, ...(opts.args || [])], headless: true });
}

export function foregroundShare(pngBuffer, threshold = 24) {
  const { data, width, height } = PNG.sync.read(pngBuffer);
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  let bg = 0, best = -1;
  for (const [k, n] of counts) if (n > best) { best = n; bg = k; }
  const br = bg >> 16, bgG = (bg >> 8) & 255, bb = bg & 255;
  let fg = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - br) > threshold || Math.abs(data[i + 1] - bgG) > threshold || Math.abs(data[i + 2] - bb) > threshold) fg++;
  }
  return fg / (width * height);
}

// Screenshot (page or element) saved as <artifacts>/<name>.png; throws if it is blank.
export async function shot(target, opts, name) {
  const png = await target.screenshot();
  const file = path.join(opts.artifacts, `${name}.png`);
  writeFileSync(file, png);
  const share = foregroundShare(png);
  if (share < MIN_FOREGROUND) throw new Error(`screenshot ${name} is blank (${(share * 100).toFixed(2)} % foreground)`);
  return { file, share };
}

// Collects console errors and page errors; `notes` keeps every console line.
export function watch(page) {
  const problems = [], notes = [];
  page.on('console', (m) => { notes.push(m.text()); if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { problems, notes };
}

export async function ready(target, ms = 60000) {
  // A frame just scrolled into view may not have run its script yet: wait for window.carry first.
  await target.waitForFunction(() => !!(window.carry && window.carry.ready), null, { timeout: ms });
  return target.evaluate(async (ms) => {
    await Promise.race([window.carry.ready, new Promise((_, rej) => setTimeout(() => rej(new Error('not ready')), ms))]);
    return true;
  }, ms);
}

export async function frames(target, n = 10) {
  await target.evaluate((n) => new Promise((res) => { let k = n; const t = () => (--k <= 0 ? res() : requestAnimationFrame(t)); requestAnimationFrame(t); }), n);
}

// Runs named cases, prints ok/FAIL with the time each took, returns the exit code.
export async function runCases(cases) {
  let failed = 0;
  for (const [name, fn] of cases) {
    const t0 = Date.now();
    try {
      const info = await fn();
      console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)${info ? ' ' + info : ''}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${e && e.stack || e}`);
    }
  }
  return failed ? 1 : 0;
}

export function check(cond, msg) { if (!cond) throw new Error(msg); }
