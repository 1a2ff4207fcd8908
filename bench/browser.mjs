// Carry in headless Chromium (Debian's, driven by playwright-core from tests/browser/node_modules):
// time from navigation to the first frame drawn (and to window.carry.ready, once the layout has
// settled a few frames later), frames per second while training
// (default speed and "full-speed", which trains for the app's per-frame budget every frame), on
// localhost via serve.py. Prints one JSON line.
//   node bench/browser.mjs <repo> <site dir> [seconds per fps sample]
// The named scenarios (training, full-speed, stress) need the test page (build/web/test-site/,
// whose carry_inside_test starts them); on the shipped site/ they are reported as "no hook".
import { launch, serve } from './chromium.mjs';

const [repo, site, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 3);
const { url, proc } = await serve(repo, site);
const browser = await launch(repo);
const out = { url };
try {
  const firstFrame = [];
  const readyMs = [];
  const breakdown = [];
  for (let k = 0; k < 3; k++) { // first load fills the HTTP cache of nothing: a fresh context each time
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    // Record the moment carry.ready resolves (performance.now() counts from navigation start).
    await page.addInitScript(() => {
      // Time spent inside WebGL getParameter: Chromium answers some queries (GL_SCISSOR_BOX, blend
      // state: ImGui's OpenGL3 backend saves them every frame) only after a round trip to the GPU
      // process, so a frame waiting for the renderer shows up here, not as Carry's own work.
      const proto = WebGL2RenderingContext.prototype;
      const getParameter = proto.getParameter;
      window.__glSyncMs = 0;
      proto.getParameter = function (p) {
        const t = performance.now();
        try { return getParameter.call(this, p); } finally { window.__glSyncMs += performance.now() - t; }
      };
      let c;
      Object.defineProperty(window, 'carry', {
        configurable: true,
        get() { return c; },
        set(v) { c = v; if (v && v.ready) v.ready.then(() => { window.__firstFrameMs = performance.now(); }, () => {}); },
      });
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.carry && window.carry.ready, null, { timeout: 20000, polling: 5 });
    const ms = await page.evaluate(async () => {
      const t = performance.now();
      await window.carry.ready;
      return window.__firstFrameMs ?? t;  // t: an upper bound if the setter was bypassed
    });
    // The first frame drawn (main.cpp marks it); `ready` above comes a few frames later.
    const drawn = await page.evaluate(() => {
      const m = performance.getEntriesByName('carry-first-frame')[0];
      return m ? m.startTime : null;
    });
    firstFrame.push(drawn ?? ms);
    readyMs.push(ms);
    // Where the time went: page parsed, carry.js and carry.wasm downloaded (Resource Timing).
    breakdown.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = Object.fromEntries(performance.getEntriesByType('resource')
        .filter((e) => /carry\.(js|wasm)$/.test(e.name)).map((e) => [e.name.split('/').pop(), Math.round(e.responseEnd)]));
      return { dom_content_loaded: Math.round(nav ? nav.domContentLoadedEventEnd : -1), ...res };
    }));
    if (k < 2) await ctx.close();
    else out.page = page;
  }
  out.first_frame_ms = firstFrame;
  out.ready_ms = readyMs;
  out.first_frame_breakdown_ms = breakdown;
  const page = out.page;
  delete out.page;
  // Frames the app drew per second (carry.stats(), issue 15: it draws only when something changes);
  // builds before it drew on every animation frame, so the page's own count stands in for them.
  const fps = async () => page.evaluate((s) => new Promise((resolve) => {
    const drawn = () => (window.carry.stats ? window.carry.stats().framesDrawn : null);
    let n = 0; const t0 = performance.now(); const f0 = drawn();
    const tick = () => {
      n++;
      if (performance.now() - t0 < s * 1000) { requestAnimationFrame(tick); return; }
      const secs = (performance.now() - t0) / 1000;
      resolve(f0 === null ? n / secs : (drawn() - f0) / secs);
    };
    requestAnimationFrame(tick);
  }), seconds);
  const scenario = (name) => page.evaluate((n) => {
    try { return Module.ccall('carry_inside_test', 'string', ['string'], ['scenario ' + n]); } catch (e) { return 'no hook: ' + e.message; }
  }, name);
  // Main-thread script time (JS + wasm: the app's frame, training included) per frame, from the
  // DevTools protocol: it tells Carry's own work apart from the compositor/GPU process (SwiftShader
  // here renders WebGL in software).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const sample = async () => {
    const m0 = await metrics();
    const g0 = await page.evaluate(() => window.__glSyncMs);
    const f = await fps();
    const g1 = await page.evaluate(() => window.__glSyncMs);
    const m1 = await metrics();
    const frames = f * seconds;
    const script = ((m1.ScriptDuration - m0.ScriptDuration) * 1000) / frames;
    const sync = (g1 - g0) / frames;
    return { fps: f, script_ms_per_frame: script, gl_sync_wait_ms_per_frame: sync,
             own_work_ms_per_frame: Math.max(0, script - sync),
             task_ms_per_frame: ((m1.TaskDuration - m0.TaskDuration) * 1000) / frames };
  };
  out.scenarios = { 'as-loaded': await sample() };
  // Issue 6's window.carry API, where the build has it: play() starts training at the page's speed.
  const played = await page.evaluate(async () => {
    if (typeof window.carry.play !== 'function') return 'no window.carry.play';
    try { await window.carry.play(); return 'ok'; } catch (e) { return String(e.message || e); }
  });
  if (played === 'ok') { await page.waitForTimeout(500); out.scenarios['carry.play()'] = await sample(); }
  for (const name of ['training', 'full-speed', 'stress']) {
    const r = await scenario(name);
    await page.waitForTimeout(500);
    out.scenarios[name] = r === 'ok' ? await sample() : { error: r };
  }
} catch (e) {
  out.error = String(e && e.message || e);
} finally {
  await browser.close();
  proc.kill('SIGINT');
}
process.stdout.write(JSON.stringify(out) + '\n');
