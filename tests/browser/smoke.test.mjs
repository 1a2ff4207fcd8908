#!/usr/bin/env node
// Browser end-to-end test of Carry's web build: serve.py in the background, Debian's Chromium
// driven by playwright-core (never `playwright install`: it downloads a browser).
//
//   cd tests/browser && npm ci --no-audit --no-fund     # once (node_modules is git-ignored)
//   node tests/browser/smoke.test.mjs <repo-root> [--dir <site>] [--screenshot out.png]
//                                     [--artifacts <dir>] [--chromium <path>]
//
//   --dir         serve this folder instead of build/web/site/ (passed through to serve.py)
//   --screenshot  save the main page's canvas screenshot
//   --artifacts   save a screenshot of every case (main, iframe, shell error states) into <dir>
//
// Cases (each prints "ok"/"FAIL" with figures; the exit code is non-zero if any fails):
//   main         1280×800: no console errors, page errors or failed requests; carry.ready
//                resolves within 60 s; carry.version() looks like 1.2.3; the canvas drawing
//                buffer is CSS size × devicePixelRatio; the canvas is not blank; carry.wasm was
//                served as application/wasm; clicking the canvas focuses it; a text field
//                outside the canvas still receives typed keys.
//   iframe       the page inside an 800×500 <iframe> of a host page at devicePixelRatio 2:
//                ready resolves, the canvas is not blank, a text field of the host page
//                still receives typed keys.
//   no-webgl2    WebGL2 made unavailable: the page says so (no blank page), ready rejects.
//   wasm-404     carry.wasm missing: the page says so, ready rejects.
//   context-lost the WebGL context lost after start: the overlay explains and offers a one-click
//                Resume, which brings the app back with its link state and weights (issue 15).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

const READY_TIMEOUT_MS = 60_000;
const WATCHDOG_MS = 240_000; // the whole run; a hung browser must not hang CI
const MIN_FOREGROUND = 0.01; // share of canvas pixels that must differ from the background
const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------
function usage(msg) {
  if (msg) console.error(`smoke.test: ${msg}`);
  console.error('usage: node smoke.test.mjs <repo-root> [--dir <site>] [--screenshot out.png] ' +
                '[--artifacts <dir>] [--chromium <path>]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { repo: null, dir: null, screenshot: null, artifacts: null, chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--dir') opts.dir = path.resolve(value());
    else if (a === '--screenshot') opts.screenshot = path.resolve(value());
    else if (a === '--artifacts') opts.artifacts = path.resolve(value());
    else if (a === '--chromium') opts.chromium = value();
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (!opts.repo) opts.repo = path.resolve(a);
    else usage(`unexpected argument ${a}`);
  }
  if (!opts.repo) usage('missing <repo-root>');
  if (!existsSync(path.join(opts.repo, 'serve.py'))) usage(`no serve.py in ${opts.repo}`);
  if (!existsSync(opts.chromium)) usage(`no Chromium at ${opts.chromium} (apt-get install chromium)`);
  const site = opts.dir ?? path.join(opts.repo, 'build', 'web', 'site');
  for (const f of ['index.html', 'carry.js', 'carry.wasm']) {
    if (!existsSync(path.join(site, f))) usage(`${path.join(site, f)} is missing: build the web preset first`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// serve.py in the background
// ---------------------------------------------------------------------------------------------
// Port 0: serve.py binds a free port itself and prints its URL, so no other process can take the
// port between choosing and binding it.
async function startServer(opts) {
  const args = [path.join(opts.repo, 'serve.py'), '--no-build', '--quiet', '--port', '0'];
  if (opts.dir) args.push('--dir', opts.dir);
  const proc = spawn('python3', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py printed no URL within 15 s. ${stderr}`)), 15_000);
    const lines = createInterface({ input: proc.stdout });
    lines.on('line', (line) => {
      const m = line.match(/(http:\/\/\S+:\d+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.py exited with code ${code} before serving: ${stderr.trim()}`));
    });
  });
  // Printed after listen(); one request confirms it answers.
  const res = await fetch(url);
  if (!res.ok) throw new Error(`serve.py answered ${res.status} for ${url}`);
  return { proc, url, stderr: () => stderr };
}

async function stopServer(server) {
  const proc = server?.proc;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGINT');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
// Share of pixels that differ from the most common colour (the background) by more than
// `threshold` in some channel.
function foregroundShare(pngBuffer, threshold = 24) {
  const png = PNG.sync.read(pngBuffer);
  const { data, width, height } = png;
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  let bg = 0, best = -1;
  for (const [key, n] of counts) if (n > best) { best = n; bg = key; }
  const br = bg >> 16, bgG = (bg >> 8) & 255, bb = bg & 255;
  let fg = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - br) > threshold || Math.abs(data[i + 1] - bgG) > threshold ||
        Math.abs(data[i + 2] - bb) > threshold) fg++;
  }
  const hex = '#' + bg.toString(16).padStart(6, '0');
  return { share: fg / (width * height), width, height, background: hex, colours: counts.size };
}

// Collects console errors, page errors, failed requests and HTTP errors of a page (and frames).
function watchPage(page, { allowErrors = false } = {}) {
  const problems = [];
  const responses = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !allowErrors) problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => { if (!allowErrors) problems.push(`page error: ${err.message}`); });
  page.on('requestfailed', (req) => {
    if (!allowErrors) problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    responses.push(res);
    if (res.status() >= 400 && !allowErrors) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return { problems, responses };
}

// Waits for carry.ready in a page or frame; returns {ok, ms, error}.
async function waitReady(target, timeoutMs = READY_TIMEOUT_MS) {
  return target.evaluate(async (ms) => {
    const t0 = performance.now();
    if (!window.carry || !window.carry.ready) return { ok: false, error: 'window.carry.ready is missing' };
    try {
      await Promise.race([
        window.carry.ready,
        new Promise((_, reject) => setTimeout(() => reject(new Error(`not ready after ${ms / 1000} s`)), ms)),
      ]);
      return { ok: true, ms: performance.now() - t0 };
    } catch (e) {
      const overlay = document.getElementById('overlay');
      return { ok: false, error: String(e && e.message || e), overlay: overlay ? overlay.innerText : '' };
    }
  }, timeoutMs);
}

// Lets the app draw a few more frames (ImGui lays out auto-sized windows over two frames).
async function settleFrames(target, frames = 10) {
  await target.evaluate((n) => new Promise((resolve) => {
    let left = n;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), frames);
}

async function overlayState(target) {
  return target.evaluate(() => {
    const o = document.getElementById('overlay');
    return { state: o?.dataset.state, text: o?.innerText.replace(/\s+/g, ' ').trim(), visible: !!o && getComputedStyle(o).visibility !== 'hidden' };
  });
}

class CaseFailure extends Error {}
function check(cond, message) {
  if (!cond) throw new CaseFailure(message);
}

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------
async function caseMain(browser, server, opts) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    const t0 = Date.now();
    await page.goto(server.url, { waitUntil: 'load' });
    const ready = await waitReady(page);
    check(ready.ok, `carry.ready did not resolve: ${ready.error}${ready.overlay ? ` — page says: ${ready.overlay}` : ''}`);
    const readyMs = Date.now() - t0;
    await settleFrames(page);

    const info = await page.evaluate(() => ({
      version: window.carry.version(),
      buildInfo: window.carry.buildInfo ? window.carry.buildInfo() : null,
      state: window.carry.state,
      overlay: document.getElementById('overlay').dataset.state,
      title: document.title,
      dpr: devicePixelRatio,
      css: [document.getElementById('canvas').clientWidth, document.getElementById('canvas').clientHeight],
      buffer: [document.getElementById('canvas').width, document.getElementById('canvas').height],
    }));
    check(/^\d+\.\d+\.\d+/.test(info.version ?? ''), `carry.version() returned ${JSON.stringify(info.version)}`);
    check(info.state === 'running', `carry.state is ${info.state}, expected running`);
    check(info.overlay === 'hidden', `the overlay is still shown (state ${info.overlay})`);
    check(info.css[0] === 1280 && info.css[1] === 800, `the canvas is ${info.css.join('×')} CSS px, expected to fill 1280×800`);
    const want = info.css.map((v) => Math.round(v * info.dpr));
    check(Math.abs(info.buffer[0] - want[0]) <= 1 && Math.abs(info.buffer[1] - want[1]) <= 1,
          `the canvas drawing buffer is ${info.buffer.join('×')}, expected CSS size × devicePixelRatio = ${want.join('×')}`);

    const shot = await page.locator('#canvas').screenshot();
    if (opts.screenshot) writeFileSync(opts.screenshot, shot);
    if (opts.artifacts) writeFileSync(path.join(opts.artifacts, 'main.png'), shot);
    const fg = foregroundShare(shot);
    check(fg.share > MIN_FOREGROUND,
          `the canvas looks blank: ${(fg.share * 100).toFixed(2)}% of pixels differ from the background ${fg.background}`);

    const wasm = watch.responses.find((r) => new URL(r.url()).pathname.endsWith('/carry.wasm'));
    check(wasm, 'carry.wasm was never requested');
    const wasmType = (await wasm.allHeaders())['content-type'];
    check(wasmType === 'application/wasm', `carry.wasm was served as ${wasmType}, expected application/wasm`);

    await page.locator('#canvas').click({ position: { x: 640, y: 700 } });
    const focused = await page.evaluate(() => document.activeElement?.id);
    check(focused === 'canvas', `clicking the canvas left the focus on ${focused}`);

    // Keyboard input stays on the canvas (SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT): a text field
    // elsewhere in the same document, as an embedding page would have, still gets typed keys.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'probe-input';
      input.style.cssText = 'position:fixed;right:10px;bottom:10px;z-index:10';
      document.body.appendChild(input);
    });
    await page.focus('#probe-input');
    await page.keyboard.type('110 + 1');
    const typed = await page.inputValue('#probe-input');
    check(typed === '110 + 1', `a text field next to the canvas got ${JSON.stringify(typed)} instead of "110 + 1": ` +
          'the app captures the keyboard outside the canvas');

    check(watch.problems.length === 0, watch.problems.join('\n      '));
    return `ready in ${(readyMs / 1000).toFixed(1)} s, version ${info.version}, ` +
           `${(fg.share * 100).toFixed(1)}% non-background pixels (bg ${fg.background}), title "${info.title}"`;
  } finally {
    await context.close();
  }
}

async function caseIframe(browser, server, opts) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 2 });
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    const t0 = Date.now();
    await page.setContent(`<!doctype html><html><body style="margin:20px;background:#fff">
      <p>Course notes with an embedded playground.</p>
      <input id="notes-input" type="text" placeholder="type here">
      <iframe id="embed" src="${server.url}" width="800" height="500" style="border:1px solid #ccc;display:block;margin-top:10px"></iframe>
      </body></html>`, { waitUntil: 'load' });
    const frame = await (await page.$('#embed')).contentFrame();
    check(frame, 'the iframe has no frame');
    await frame.waitForLoadState('load');
    await frame.waitForFunction(() => window.carry, null, { timeout: 15_000 }).catch(async () => {
      throw new CaseFailure(`the iframe never got window.carry (frame URL ${frame.url()})`);
    });
    const ready = await waitReady(frame);
    check(ready.ok, `carry.ready inside the iframe did not resolve: ${ready.error}${ready.overlay ? ` — frame says: ${ready.overlay}` : ''}`);
    const readyMs = Date.now() - t0;
    await settleFrames(frame);
    const info = await frame.evaluate(() => {
      const c = document.getElementById('canvas');
      return { css: [c.clientWidth, c.clientHeight], buffer: [c.width, c.height], dpr: devicePixelRatio };
    });
    const want = info.css.map((v) => Math.round(v * info.dpr));
    check(Math.abs(info.buffer[0] - want[0]) <= 1 && Math.abs(info.buffer[1] - want[1]) <= 1,
          `inside the iframe the drawing buffer is ${info.buffer.join('×')}, expected ${want.join('×')} (DPR ${info.dpr})`);

    const shot = await page.locator('#embed').screenshot();
    if (opts.artifacts) writeFileSync(path.join(opts.artifacts, 'iframe.png'), shot);
    const fg = foregroundShare(shot);
    check(fg.share > MIN_FOREGROUND, `the embedded canvas looks blank: ${(fg.share * 100).toFixed(2)}% non-background pixels`);

    // The host page's text field keeps working: typed keys reach it, not the app.
    await page.click('#notes-input');
    await page.keyboard.type('1011 + 11');
    const value = await page.inputValue('#notes-input');
    check(value === '1011 + 11', `the host page's text field got ${JSON.stringify(value)} instead of "1011 + 11"`);

    check(watch.problems.length === 0, watch.problems.join('\n      '));
    return `ready in ${(readyMs / 1000).toFixed(1)} s inside 800×500 at DPR 2 (buffer ${info.buffer.join('×')}), ` +
           `${(fg.share * 100).toFixed(1)}% non-background pixels, host text field unaffected`;
  } finally {
    await context.close();
  }
}

// The shell's failure paths: the page must explain, never stay blank, and ready must reject.
async function expectFailure(browser, server, opts, name, prepare, expectText) {
  const context = await browser.newContext({ viewport: { width: 800, height: 500 } });
  try {
    const page = await context.newPage();
    watchPage(page, { allowErrors: true });
    await prepare(page);
    await page.goto(server.url, { waitUntil: 'load' });
    const ready = await waitReady(page, 20_000);
    check(!ready.ok, 'carry.ready resolved although it should have failed');
    const o = await overlayState(page);
    if (opts.artifacts) await page.screenshot({ path: path.join(opts.artifacts, `${name}.png`) });
    check(o.state === 'error' && o.visible, `the overlay is not showing an error (state ${o.state})`);
    check(expectText.test(o.text), `the overlay says "${o.text}", expected ${expectText}`);
    return `ready rejected (${ready.error}); overlay: "${o.text.slice(0, 90)}…"`;
  } finally {
    await context.close();
  }
}

async function caseNoWebGL2(browser, server, opts) {
  return expectFailure(browser, server, opts, 'no-webgl2', (page) => page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : original.call(this, type, ...rest);
    };
  }), /WebGL 2 is not available/);
}

async function caseWasm404(browser, server, opts) {
  return expectFailure(browser, server, opts, 'wasm-404',
    (page) => page.route('**/carry.wasm', (route) => route.fulfill({ status: 404, body: 'not found' })),
    /could not be loaded/);
}

async function caseContextLost(browser, server, opts) {
  const context = await browser.newContext({ viewport: { width: 800, height: 500 } });
  try {
    const page = await context.newPage();
    watchPage(page, { allowErrors: true });
    await page.goto(server.url, { waitUntil: 'load' });
    const ready = await waitReady(page);
    check(ready.ok, `carry.ready did not resolve: ${ready.error}`);
    const before = await page.evaluate(async () => { await carry.train(400); return carry.getState(); });
    const lost = await page.evaluate(() => {
      const gl = document.getElementById('canvas').getContext('webgl2');
      const ext = gl && gl.getExtension('WEBGL_lose_context');
      if (!ext) return false;
      ext.loseContext();
      return true;
    });
    check(lost, 'could not get WEBGL_lose_context on the app canvas');
    await page.waitForFunction(() => window.carry.state === 'context-lost', null, { timeout: 5000 })
      .catch(() => {});
    const o = await overlayState(page);
    if (opts.artifacts) await page.screenshot({ path: path.join(opts.artifacts, 'context-lost.png') });
    // Issue 15: never a broken frame; a one-click Resume brings the app back with its state.
    check(o.state === 'lost' && o.visible, `after losing the context the overlay state is ${o.state}`);
    check(/graphics/i.test(o.text) && /Resume/.test(o.text), `the overlay says "${o.text}"`);
    // Resume reloads the frame: wait for that navigation itself (waitForLoadState alone can see the
    // old page still loaded and let the checks below run into the reload).
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }), page.click('#resume')]);
    const again = await waitReady(page);
    check(again.ok, `carry.ready after Resume: ${again.error}`);
    // The kept model goes back in through loadModel once the app is ready: poll until it has (a
    // call made while the app is still starting may be refused; poll again).
    let after = null;
    for (const t0 = Date.now(); Date.now() - t0 < 15000;) {
      after = await page.evaluate(() => carry.getState()).catch(() => null);
      if (after && after.training.sequences === before.training.sequences) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    check(after !== null, 'getState after Resume');
    check(after.training.weightsHash === before.training.weightsHash && after.training.sequences === before.training.sequences,
          `Resume keeps the weights (${before.training.weightsHash}, ${before.training.sequences} sequences -> ` +
          `${after.training.weightsHash}, ${after.training.sequences})`);
    check(JSON.stringify(after.settings) === JSON.stringify(before.settings), 'Resume keeps the link state');
    return `overlay: "${o.text.slice(0, 70)}…", resumed with the same weights`;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.artifacts) mkdirSync(opts.artifacts, { recursive: true });
  let server = null;
  let browser = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await stopServer(server);
  };
  const watchdog = setTimeout(async () => {
    console.error(`smoke.test: FAIL: gave up after ${WATCHDOG_MS / 1000} s`);
    await cleanup();
    process.exit(1);
  }, WATCHDOG_MS);
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, async () => { await cleanup(); process.exit(130); });
  }

  const t0 = Date.now();
  let failures = 0;
  try {
    server = await startServer(opts);
    browser = await chromium.launch({ executablePath: opts.chromium, headless: true, args: CHROMIUM_ARGS });
    console.log(`smoke.test: ${server.url} (Chromium ${browser.version()})`);
    const cases = [
      ['main', caseMain], ['iframe', caseIframe], ['no-webgl2', caseNoWebGL2],
      ['wasm-404', caseWasm404], ['context-lost', caseContextLost],
    ];
    for (const [name, fn] of cases) {
      const c0 = Date.now();
      try {
        const summary = await fn(browser, server, opts);
        console.log(`  ok    ${name.padEnd(13)} ${((Date.now() - c0) / 1000).toFixed(1)} s  ${summary}`);
      } catch (e) {
        failures++;
        const msg = e instanceof CaseFailure ? e.message : (e.stack || String(e));
        console.log(`  FAIL  ${name.padEnd(13)} ${((Date.now() - c0) / 1000).toFixed(1)} s  ${msg}`);
      }
    }
  } catch (e) {
    failures++;
    console.log(`smoke.test: FAIL: ${e.message}`);
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (failures) {
    console.log(`smoke.test: FAILED (${failures} failing) in ${secs} s`);
    process.exit(1);
  }
  console.log(`smoke.test: passed in ${secs} s`);
}

main();
