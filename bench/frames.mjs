// Issue 15's figures in headless Chromium (Debian's, SwiftShader WebGL), one JSON line:
//   - idle CPU (cores, all of the browser's processes, over `seconds`) of about:blank, the
//     default page, the page with nothing moving (#panels=curves,train) and the course notes;
//   - while training (carry.play(), default speed, 1280×800): the app's frames per second, the
//     page's animation frames per second and the synchronous WebGL calls per app frame;
//   - memory per embedded frame: examples/many.html with all 12 frames started (scrolled
//     through), proportional set size of every browser process, minus about:blank's, over 12.
// This browser runs with vsync and the frame-rate limit on (a laptop's browser), unlike
// browser.mjs, which lifts the cap to see how fast a frame can be.
//   node bench/frames.mjs <repo> <site dir> [idle seconds]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from './chromium.mjs';

const [repo, site, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 10);
const lib = await import(pathToFileURL(path.join(repo, 'tests', 'browser', 'lib.mjs')).href);
const { url, proc } = await serve(repo, site);
const browser = await lib.launch({ chromium: '/usr/bin/chromium' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SYNC = ['getParameter', 'isEnabled', 'getError', 'checkFramebufferStatus', 'getShaderParameter',
              'getProgramParameter', 'readPixels', 'getBufferSubData', 'getUniformLocation', 'getAttribLocation', 'finish'];

// This process's descendants (Chromium's browser, GPU, renderer... processes; not serve.py's python).
function browserPids() {
  const parent = new Map(), comm = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = s.lastIndexOf(')');
      comm.set(Number(d), s.slice(s.indexOf('(') + 1, close));
      parent.set(Number(d), Number(s.slice(close + 2).split(' ')[1]));
    } catch (e) { /* gone */ }
  }
  const out = [];
  for (const pid of parent.keys()) {
    let p = pid;
    for (let k = 0; k < 20 && p > 1; k++) {
      p = parent.get(p);
      if (p === process.pid) { if (!/python/.test(comm.get(pid) || '')) out.push(pid); break; }
    }
  }
  return out;
}
function cpuTicks() {
  let t = 0;
  for (const pid of browserPids()) {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      t += Number(f[11]) + Number(f[12]); // utime + stime
    } catch (e) { /* gone */ }
  }
  return t;
}
function pssMB() {
  let kb = 0;
  for (const pid of browserPids()) {
    try {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+)/m);
      if (m) kb += Number(m[1]);
    } catch (e) { /* gone */ }
  }
  return kb / 1024;
}
const HZ = 100; // USER_HZ
async function cpuCores(ms) {
  const t0 = cpuTicks(), w0 = Date.now();
  await sleep(ms);
  return (cpuTicks() - t0) / HZ / ((Date.now() - w0) / 1000);
}

function initScript(sync) {
  const P = WebGL2RenderingContext.prototype;
  window.__gl = { sync: 0, names: {} };
  for (const m of sync) {
    const f = P[m];
    if (f) P[m] = function (...a) { window.__gl.sync++; window.__gl.names[m] = (window.__gl.names[m] || 0) + 1; return f.apply(this, a); };
  }
}

async function fresh() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await ctx.addInitScript(initScript, SYNC);
  return { ctx, page: await ctx.newPage() };
}
const carryReady = (t) => t.evaluate(async () => { await window.carry.ready; return true; });

const out = { url, idle_seconds: seconds };
try {
  // Idle CPU: each page alone in the browser, settled for 3 s, then measured.
  out.idle_cpu_cores = {};
  for (const [name, target] of [['about:blank', 'about:blank'], ['page (default: the sum animates)', url],
                                ['page, nothing moving (#panels=curves,train)', url + '#panels=curves,train'],
                                ['course notes (top of the page)', url + 'examples/course-notes.html']]) {
    const { ctx, page } = await fresh();
    await page.goto(target);
    if (target !== 'about:blank' && !/examples/.test(target)) await carryReady(page);
    await sleep(/examples/.test(target) ? 8000 : 3000);
    out.idle_cpu_cores[name] = await cpuCores(seconds * 1000);
    await ctx.close();
  }

  // Training at the default speed.
  {
    const { ctx, page } = await fresh();
    await page.goto(url + '#seed=2');
    await carryReady(page);
    await page.evaluate(() => carry.play());
    await sleep(1000);
    out.training = await page.evaluate(() => new Promise((res) => {
      const appFrames = () => (window.carry.stats ? carry.stats().framesDrawn : null);
      let n = 0; const t0 = performance.now(); const f0 = appFrames(); const s0 = window.__gl.sync;
      const tick = () => {
        n++;
        if (performance.now() - t0 < 4000) { requestAnimationFrame(tick); return; }
        const s = (performance.now() - t0) / 1000, f = appFrames();
        const frames = f === null ? n : f - f0; // before issue 15 the app drew on every animation frame
        res({ app_fps: frames / s, page_fps: n / s, sync_gl_calls_per_frame: (window.__gl.sync - s0) / Math.max(1, frames),
              sync_names_since_load: window.__gl.names });
      };
      requestAnimationFrame(tick);
    }));
    await ctx.close();
  }

  // Memory per embedded frame: the 12-frame page, every frame scrolled into view and ready.
  {
    const { ctx, page } = await fresh();
    await page.goto('about:blank');
    await sleep(1500);
    const blank = pssMB();
    await page.goto(url + 'examples/many.html');
    const ids = await page.evaluate(() => Array.from(document.querySelectorAll('iframe')).map((f) => f.id));
    const t0 = Date.now();
    for (const id of ids) {
      await page.evaluate((i) => document.getElementById(i).scrollIntoView({ block: 'center' }), id);
      await carryReady(await (await page.$('#' + id)).contentFrame());
    }
    out.many_frames_all_ready_ms = Date.now() - t0;
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(3000);
    const all = pssMB();
    const heaps = [];
    for (const id of ids) {
      heaps.push(await (await page.$('#' + id)).contentFrame().then((f) => f.evaluate(() => (window.HEAPU8 || (window.Module && Module.HEAPU8) || { length: 0 }).length)));
    }
    out.many_frames = { frames: ids.length, pss_blank_mb: blank, pss_all_mb: all,
                        pss_per_frame_mb: (all - blank) / ids.length,
                        wasm_memory_per_frame_mb: heaps.reduce((a, b) => a + b, 0) / ids.length / (1024 * 1024) };
    out.many_frames.idle_cpu_cores = await cpuCores(seconds * 1000);
    await ctx.close();
  }
} catch (e) {
  out.error = String(e && e.stack || e);
} finally {
  await browser.close();
  proc.kill('SIGINT');
}
process.stdout.write(JSON.stringify(out) + '\n');
