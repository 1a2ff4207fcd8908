#!/usr/bin/env node
// Issue 15 ("Frames") in headless Chromium: the page draws only when something changes, nothing
// while hidden or out of view, no synchronous WebGL query per frame, a paused run keeps its
// determinism, and a 12-frame page on another origin starts each frame as it comes into view.
//
// Every page gets an init script (all frames, iframes included) that wraps WebGL2's methods:
// draw calls and the synchronous queries (getParameter, isEnabled, getError, ...) are counted in
// window.__gl. A hidden tab is simulated by overriding document.visibilityState and dispatching
// visibilitychange (headless Chromium keeps every tab visible), so requestAnimationFrame still
// runs there: a page that did not stop itself would still draw and be caught.
//
//   node tests/browser/frames.test.mjs <repo> --dir build/web/site --artifacts build/screenshots
import http from 'node:http';
import { check, launch, parseArgs, ready, runCases, startServer, stopServer } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), 'frames.test.mjs');
const watchdog = setTimeout(() => { console.error('frames.test: watchdog (600 s)'); process.exit(1); }, 600000);
const server = await startServer(opts.repo, opts.dir);
const browser = await launch(opts);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const SYNC = ['getParameter', 'isEnabled', 'getError', 'checkFramebufferStatus', 'getShaderParameter',
              'getProgramParameter', 'getShaderInfoLog', 'getProgramInfoLog', 'readPixels', 'getBufferSubData',
              'getUniformLocation', 'getAttribLocation', 'getActiveUniform', 'getActiveAttrib', 'finish'];
function initScript(sync) {
  const P = WebGL2RenderingContext.prototype;
  const gl = { draws: 0, sync: 0, names: {} };
  window.__gl = gl;
  for (const m of ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced', 'drawRangeElements']) {
    const f = P[m];
    P[m] = function (...a) { gl.draws++; return f.apply(this, a); };
  }
  for (const m of sync) {
    const f = P[m];
    if (!f) continue;
    P[m] = function (...a) { gl.sync++; gl.names[m] = (gl.names[m] || 0) + 1; return f.apply(this, a); };
  }
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get() { return hidden ? 'hidden' : 'visible'; } });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get() { return hidden; } });
  window.__setHidden = (h) => { hidden = h; document.dispatchEvent(new Event('visibilitychange')); };
}

async function newContext(viewport = { width: 1280, height: 800 }) {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  await ctx.addInitScript(initScript, SYNC);
  return ctx;
}

// Errors of the page and of every frame in it (console errors, uncaught exceptions).
function watchAll(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

// Draw calls and frames drawn by the app in `target` over `ms`.
async function drawnOver(target, ms) {
  const a = await target.evaluate(() => ({ d: window.__gl.draws, f: carry.stats().framesDrawn, s: window.__gl.sync }));
  await sleep(ms);
  const b = await target.evaluate(() => ({ d: window.__gl.draws, f: carry.stats().framesDrawn, s: window.__gl.sync }));
  return { draws: b.d - a.d, frames: b.f - a.f, sync: b.s - a.s };
}
const sequences = async (t) => (await t.evaluate(() => carry.getState())).training.sequences;

// The host page of the 12-frame case: a tiny server on another port (another origin).
const HOST_JS = `
window.hostLog = [];
const q = new URLSearchParams(location.search);
const carryBase = q.get('carry');
const hostOrigin = location.origin;
const main = document.getElementById('frames');
for (let i = 0; i < 12; i++) {
  const p = document.createElement('p');
  p.textContent = 'Section ' + (i + 1) + ': some text of the course notes around the playground.';
  p.style.height = '700px';
  main.appendChild(p);
  const f = document.createElement('iframe');
  f.id = 'f' + i; f.width = 600; f.height = 400; f.style.border = '1px solid #ccc'; f.style.display = 'block';
  f.title = 'Carry ' + i;
  // Half of them allow this page to hear their events; the other half must send nothing.
  f.src = carryBase + '?embed=1#panels=add,curves&seed=' + (i + 1) + '&train_speed=4' +
          (i < 6 ? '&allow=' + encodeURIComponent(hostOrigin) : '');
  main.appendChild(f);
}
window.addEventListener('message', (e) => {
  const i = Array.from(document.querySelectorAll('iframe')).findIndex((f) => f.contentWindow === e.source);
  window.hostLog.push({ frame: i, origin: e.origin, data: e.data });
});
`;
const host = http.createServer((req, res) => {
  const p = req.url.split('?')[0];
  if (p === '/notes.html') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><meta charset="utf-8"><title>Twelve playgrounds</title>' +
            '<body style="font:16px serif;margin:16px"><h1>Lecture 7, twelve playgrounds</h1><div id="frames"></div>' +
            '<script src="host.js"></script></body>');
  } else if (p === '/host.js') { res.writeHead(200, { 'Content-Type': 'text/javascript' }); res.end(HOST_JS); }
  else if (p === '/favicon.ico') { res.writeHead(204); res.end(); }
  else { res.writeHead(404); res.end(); }
});
await new Promise((r) => host.listen(0, '127.0.0.1', r));
const hostOrigin = `http://127.0.0.1:${host.address().port}`;

const code = await runCases([
  ['idle: the default page draws ~2 frames/s (its sum animation); with nothing moving, none; input wakes it', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    const problems = watchAll(page);
    await page.goto(server.url);
    await ready(page);
    await sleep(1500); // settle
    const anim = await drawnOver(page, 4000);
    check(anim.frames >= 2 && anim.frames <= 24, `default page: ${anim.frames} frames in 4 s (the animation: ~2/s, never 60/s)`);
    // No panel shows the animation: nothing on screen changes, so nothing is drawn.
    await page.goto('about:blank');
    await page.goto(server.url + '#panels=curves,train');
    await ready(page);
    await sleep(1500);
    const idle = await drawnOver(page, 3000);
    check(idle.frames === 0 && idle.draws === 0, `idle page: ${idle.frames} frames, ${idle.draws} draw calls in 3 s`);
    const before = await page.evaluate(() => carry.stats().framesDrawn);
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 310);
    await sleep(300);
    const woke = await page.evaluate(() => carry.stats().framesDrawn);
    check(woke > before, `the pointer moving over the canvas wakes it (${before} -> ${woke} frames)`);
    await sleep(1200);
    const after = await drawnOver(page, 2000);
    check(after.frames === 0, `settles again after input (${after.frames} frames)`);
    check(problems.length === 0, problems.join('; '));
    await ctx.close();
    return `${(anim.frames / 4).toFixed(1)} frames/s animating, 0 idle, woke to frame ${woke}`;
  }],
  ['no synchronous WebGL query per frame while training', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(server.url + '#seed=2');
    await ready(page);
    await page.evaluate(() => carry.play());
    await sleep(800);
    // The page's own requestAnimationFrame ticks alongside: the machine may be slow, but while
    // training the app draws on (nearly) every one of them.
    const rafs = page.evaluate(() => new Promise((res) => {
      let n = 0; const t0 = performance.now();
      const tick = () => { n++; if (performance.now() - t0 < 2500) requestAnimationFrame(tick); else res(n); };
      requestAnimationFrame(tick);
    }));
    const r = await drawnOver(page, 2500);
    const ticks = await rafs;
    const names = await page.evaluate(() => JSON.stringify(window.__gl.names));
    check(r.frames >= 3 && r.frames >= 0.7 * ticks - 2, `training draws continuously (${r.frames} frames, ${ticks} animation frames in 2.5 s)`);
    check(r.sync === 0, `${r.sync} synchronous queries in ${r.frames} frames (all start-up calls so far: ${names})`);
    await ctx.close();
    return `${r.frames} frames, ${r.draws} draw calls, 0 sync queries`;
  }],
  ['hidden tab: nothing drawn, training paused and resumed; train(n) resolves hidden; same weights as never paused', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(server.url + '#seed=3&train_speed=4');
    await ready(page);
    await page.evaluate(() => carry.play());
    await sleep(1000);
    await page.evaluate(() => window.__setHidden(true));
    const s1 = await sequences(page);
    const hidden = await drawnOver(page, 1500);
    const s2 = await sequences(page);
    check(hidden.frames === 0 && hidden.draws === 0, `hidden: ${hidden.frames} frames, ${hidden.draws} draw calls`);
    check(s2 === s1 && s1 > 0, `training paused while hidden (${s1} -> ${s2} sequences)`);
    const m = await page.evaluate(() => carry.train(200));
    check(m.trained === 200 && (await sequences(page)) === s1 + 200, `train(200) resolved while hidden (${JSON.stringify(m.trained)})`);
    const nothing = await drawnOver(page, 300);
    check(nothing.frames === 0, `still nothing drawn (${nothing.frames})`);
    await page.evaluate(() => window.__setHidden(false));
    await sleep(1000);
    const s3 = await sequences(page);
    check(s3 > s1 + 200, `training resumed (${s3})`);
    await page.evaluate(() => carry.pause());
    await sleep(200);
    const st = await page.evaluate(() => carry.getState());
    // The same number of sequences, never paused, in one go: the same weights.
    await page.evaluate(() => carry.reset());
    const again = await page.evaluate((n) => carry.train(n), st.training.sequences);
    check(again.weightsHash === st.training.weightsHash,
          `paused-and-resumed ${st.training.sequences} sequences: ${st.training.weightsHash}; in one go: ${again.weightsHash}`);
    await ctx.close();
    return `${s1} -> ${s2} hidden, ${st.training.sequences} sequences, hash ${st.training.weightsHash}`;
  }],
  ['12 frames on another origin: each starts near the viewport, sleeps out of view, no console error on the host', async () => {
    const ctx = await newContext({ width: 1000, height: 800 });
    const page = await ctx.newPage();
    const problems = watchAll(page);
    await page.goto(`${hostOrigin}/notes.html?carry=${encodeURIComponent(server.url)}`);
    const frameOf = async (i) => (await page.$('#f' + i)).contentFrame();
    await sleep(1500);
    const lastStarted = await (await frameOf(11)).evaluate(() => !!document.querySelector('script[src="carry.js"]'));
    check(!lastStarted, 'the last frame, far below, has not started');
    const times = [];
    for (let i = 0; i < 12; i++) {
      await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: 'center' }), 'f' + i);
      const f = await frameOf(i);
      const t0 = Date.now();
      await ready(f, 60000);
      times.push(Date.now() - t0);
      if (i === 0) await f.evaluate(() => carry.play());
    }
    // Frame 0 is far out of view now: it draws nothing and its training waits; train(n) still resolves.
    const f0 = await frameOf(0);
    const s1 = await sequences(f0);
    const away = await drawnOver(f0, 1500);
    check(away.frames === 0 && away.draws === 0, `out of view: ${away.frames} frames, ${away.draws} draw calls`);
    check((await sequences(f0)) === s1, 'training paused out of view');
    const m = await f0.evaluate(() => carry.train(100));
    check(m.trained >= 100, `train(100) resolved out of view (${m.trained}: whole minibatches)`);
    await sleep(500);
    const log = await page.evaluate(() => window.hostLog.filter((m) => m.data && m.data.carry === 'event' && m.data.name === 'ready').map((m) => m.frame));
    const allowed = [0, 1, 2, 3, 4, 5];
    check(allowed.every((i) => log.includes(i)) && log.every((i) => allowed.includes(i)),
          `ready events from the frames that allow the host only: ${JSON.stringify(log)}`);
    check(problems.length === 0, problems.join('; '));
    await ctx.close();
    return `ready after scrolling: ${times.join(', ')} ms`;
  }],
]);

await browser.close();
await stopServer(server);
host.close();
clearTimeout(watchdog);
process.exit(code);
