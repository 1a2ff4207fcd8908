// Traces 3 s of Carry training in headless Chromium (SwiftShader, no frame cap) and sums busy time per
// process/thread and per trace event (docs/performance.md, issue 15). node bench/trace_frames.mjs <site> <out.json>
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { launch, startServer, stopServer, ready } = await import(pathToFileURL(path.join(repo, 'tests', 'browser', 'lib.mjs')).href);
import { readFileSync } from 'node:fs';
const site = process.argv[2], out = process.argv[3];
const server = await startServer(repo, site);
const browser = await launch({ chromium: '/usr/bin/chromium', args: ['--disable-gpu-vsync', '--disable-frame-rate-limit'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(server.url + '#seed=2');
await ready(page);
await page.evaluate(() => carry.play());
await new Promise(r => setTimeout(r, 1000));
await browser.startTracing(page, { path: out, categories: ['devtools.timeline', 'toplevel', 'gpu', 'viz', 'disabled-by-default-devtools.timeline.frame'] });
const f0 = await page.evaluate(() => window.carry.stats ? carry.stats().framesDrawn : 0);
await new Promise(r => setTimeout(r, 3000));
const f1 = await page.evaluate(() => window.carry.stats ? carry.stats().framesDrawn : 0);
await browser.stopTracing();
console.log('app frames', f1 - f0);
await browser.close(); await stopServer(server);
const t = JSON.parse(readFileSync(out, 'utf8'));
const ev = t.traceEvents || t;
const names = {}; const tnames = {};
for (const e of ev) { if (e.ph === 'M' && e.name === 'process_name') names[e.pid] = e.args.name; if (e.ph === 'M' && e.name === 'thread_name') tnames[e.pid + ':' + e.tid] = e.args.name; }
// top-level busy time: sum of 'X' events with cat toplevel (RunTask) per thread
const busy = {}; const byName = {};
for (const e of ev) {
  if (e.ph !== 'X' || !e.dur) continue;
  const key = (names[e.pid] || e.pid) + ' / ' + (tnames[e.pid + ':' + e.tid] || e.tid);
  if (e.cat && e.cat.includes('toplevel') && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')) busy[key] = (busy[key] || 0) + e.dur / 1000;
  const k2 = key + ' :: ' + e.name; byName[k2] = (byName[k2] || 0) + e.dur / 1000;
}
console.log('busy ms over 3 s per thread (RunTask):'); for (const [k, v] of Object.entries(busy).sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log('  ', v.toFixed(0), k);
console.log('top events (inclusive ms):'); for (const [k, v] of Object.entries(byName).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log('  ', v.toFixed(0), k);
