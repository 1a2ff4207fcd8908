#!/usr/bin/env node
// Browser end-to-end test of "Inside the net" (issue 5) in headless Debian Chromium (playwright-core,
// SwiftShader WebGL2), against the test page served by serve.py: build/web/test-site/, the app with
// the test hooks (tests/support/test_hooks.cpp; the shipped site/ exports no carry_inside_test).
//
//   node tests/browser/inside.test.mjs <repo-root> --dir <test-site> [--artifacts <dir>] [--chromium <path>]
//
// Cases:
//   space          the 3D hidden-state view of a solved net (scenario inside-space, started through
//                  the exported carry_inside_test): the app says it rendered; the pixels of its
//                  rectangle are not blank and show at least three of the four adder-node colours.
//   broken-shader  a deliberately broken fragment shader: the view shows the red error panel with
//                  the compiler's log (not a black square), and the app reports the error text.
//   rotate         10 400 points auto-rotating (scenario inside-10k, re-rendered every frame): two
//                  shots a few frames apart differ (the view turns, it is not a frozen image). The
//                  frames per second are printed, not checked: speed belongs to the benchmarks, and
//                  SwiftShader renders on the CPU, so a busy CI machine says nothing about a student's.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];
const NODE_COLOURS = { 'no carry, prints 0': [86, 180, 233], 'no carry, prints 1': [0, 158, 115],
                       'carry, prints 0': [230, 159, 0], 'carry, prints 1': [204, 121, 167] };

function parseArgs(argv) {
  const o = { repo: null, dir: null, artifacts: null, chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dir') o.dir = path.resolve(argv[++i]);
    else if (a === '--artifacts') o.artifacts = path.resolve(argv[++i]);
    else if (a === '--chromium') o.chromium = argv[++i];
    else if (!o.repo) o.repo = path.resolve(a);
  }
  if (!o.repo || !existsSync(path.join(o.repo, 'serve.py'))) {
    console.error('usage: node inside.test.mjs <repo-root> --dir <site> [--artifacts <dir>]');
    process.exit(2);
  }
  return o;
}

async function startServer(o) {
  const args = [path.join(o.repo, 'serve.py'), '--no-build', '--quiet', '--port', '0'];
  if (o.dir) args.push('--dir', o.dir);
  const proc = spawn('python3', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve.py printed no URL within 15 s')), 15_000);
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const m = line.match(/(http:\/\/\S+:\d+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited (${code})`)); });
  });
  return { proc, url };
}

function hueMatch(p, c) {
  const num = p[0] * c[0] + p[1] * c[1] + p[2] * c[2];
  const den = c[0] * c[0] + c[1] * c[1] + c[2] * c[2];
  const k = num / den;
  const d = Math.hypot(p[0] - k * c[0], p[1] - k * c[1], p[2] - k * c[2]);
  return k >= 0.3 && k <= 1.3 && d < 30 && Math.max(...p) - Math.min(...p) > 40;
}

function analyse(buf) {
  const png = PNG.sync.read(buf);
  const counts = new Map();
  const nodes = Object.fromEntries(Object.keys(NODE_COLOURS).map((k) => [k, 0]));
  let red = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const p = [png.data[i], png.data[i + 1], png.data[i + 2]];
    const key = (p[0] << 16) | (p[1] << 8) | p[2];
    counts.set(key, (counts.get(key) || 0) + 1);
    for (const [name, c] of Object.entries(NODE_COLOURS)) if (hueMatch(p, c)) nodes[name]++;
    if (Math.abs(p[0] - 40) <= 3 && Math.abs(p[1] - 16) <= 3 && Math.abs(p[2] - 16) <= 3) red++;
  }
  let bg = 0, best = -1;
  for (const [k, n] of counts) if (n > best) { best = n; bg = k; }
  const b = [bg >> 16, (bg >> 8) & 255, bg & 255];
  let fg = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i] - b[0]) > 12 || Math.abs(png.data[i + 1] - b[1]) > 12 || Math.abs(png.data[i + 2] - b[2]) > 12) fg++;
  }
  const n = png.width * png.height;
  return { share: fg / n, colours: counts.size, nodes, red: red / n, size: `${png.width}x${png.height}` };
}

const measureFps = (page, ms) => page.evaluate((dur) => new Promise((res) => {
  let n = 0;
  const t0 = performance.now();
  const tick = () => { n++; if (performance.now() - t0 < dur) requestAnimationFrame(tick); else res(n / ((performance.now() - t0) / 1000)); };
  requestAnimationFrame(tick);
}), ms);
const call = (page, cmd) => page.evaluate((c) => Module.ccall('carry_inside_test', 'string', ['string'], [c]), cmd);
const frames = (page, n) => page.evaluate((k) => new Promise((res) => {
  let left = k;
  const tick = () => (--left <= 0 ? res() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), n);

async function viewShot(page, o, name) {
  const r = (await call(page, 'space')).split(' ').map(Number);
  const [x0, y0, x1, y1, rendered, errLen] = r;
  const box = await page.locator('#canvas').boundingBox();
  const shot = await page.screenshot({ clip: { x: box.x + x0, y: box.y + y0, width: x1 - x0, height: y1 - y0 } });
  if (o.artifacts) writeFileSync(path.join(o.artifacts, `inside-${name}.png`), shot);
  return { rect: [x0, y0, x1, y1], rendered, errLen, shot, ...analyse(shot) };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.artifacts) mkdirSync(o.artifacts, { recursive: true });
  const server = await startServer(o);
  const browser = await chromium.launch({ executablePath: o.chromium, args: CHROMIUM_ARGS, headless: true });
  const watchdog = setTimeout(() => { console.error('inside.test: FAIL: gave up after 240 s'); process.exit(1); }, 240_000);
  let failures = 0;
  const problems = [];
  const report = (name, ok, msg) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${msg}`);
    if (!ok) failures++;
  };
  try {
    // Dark: the pixel checks below look for the dark theme's colours (the error box's red ground);
    // Playwright's pages prefer light by default, which the app now follows (issue 18).
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'dark' });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(server.url, { waitUntil: 'load' });
    await page.evaluate(() => window.carry.ready);
    await frames(page, 5);

    // space
    let r = await call(page, 'scenario inside-space');
    await frames(page, 20);
    let s = await viewShot(page, o, 'space');
    const nodeColours = Object.values(s.nodes).filter((n) => n >= 20).length;
    report('space', r === 'ok' && s.rendered === 1 && s.share > 0.01 && s.colours >= 30 && nodeColours >= 3,
           `scenario ${r}, rendered ${s.rendered}, view ${s.size} at ${s.rect.join(',')}: ` +
           `${(s.share * 100).toFixed(1)}% non-background, ${s.colours} colours, node-colour pixels ${JSON.stringify(s.nodes)}`);

    // rotate: 10 400 points re-rendered every frame; the image changes as the view turns
    r = await call(page, 'scenario inside-10k');
    await frames(page, 10);
    const a = await viewShot(page, o, '10k');
    const fps = await measureFps(page, 2000);
    s = await viewShot(page, o, '10k-later');
    const same = a.shot.equals(s.shot);
    report('rotate', r === 'ok' && a.rendered === 1 && s.rendered === 1 && !same && s.share > 0.01,
           `rendered ${s.rendered}, the view ${same ? 'did not change' : 'turned'} between two shots 2 s apart, ` +
           `${fps.toFixed(1)} frames/s with 10 400 points rotating (printed, not checked), view ${s.size}`);

    // broken shader
    r = await call(page, 'scenario inside-broken-shader');
    await frames(page, 10);
    s = await viewShot(page, o, 'broken-shader');
    report('broken-shader', r === 'ok' && s.rendered === 0 && s.errLen > 20 && s.red > 0.5 && s.colours > 10,
           `rendered ${s.rendered}, error log ${s.errLen} chars shown, ${(s.red * 100).toFixed(0)}% of the view is the error panel`);

    report('console', problems.length === 0, problems.length ? problems.join(' | ') : 'no console or page errors');
    await context.close();
  } catch (e) {
    report('run', false, e.stack || String(e));
  } finally {
    clearTimeout(watchdog);
    await browser.close().catch(() => {});
    server.proc.kill('SIGINT');
  }
  process.exit(failures ? 1 : 0);
}

main();
