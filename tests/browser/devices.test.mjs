#!/usr/bin/env node
// Issue 17 ("Every student's device") in headless Chromium, on the test page (test-site/, whose
// hooks report where the fields and the Train button are drawn and the tooltip shown):
//   - phone emulation (isMobile, hasTouch) at 390×844 (device scale 3): a tap on Train starts
//     training, a swipe on a panel's background scrolls the panels, a long press shows a tooltip's
//     text; at 844×390 (scale 3) and on a 768×1024 tablet (scale 2, an iPad's) a tap on Train; at
//     all three, screenshots checked for content cut at the right edge; two fingers spreading on the
//     hidden space zoom it in (tablet);
//   - desktop Chromium with clipboard permission: a number pasted with Ctrl+V lands in field a, and
//     Ctrl+A, Ctrl+C in the field puts its text on the system clipboard;
//   - a vertical swipe over an embedded playground in the course-notes page scrolls the page;
//   - in a 600×400 embed, the "Open the full playground" link sits below the canvas, not over it.
// One served build, one browser.
//   node tests/browser/devices.test.mjs <repo> --dir build/web/test-site --artifacts build/screenshots
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { check, launch, parseArgs, ready, runCases, startServer, stopServer, watch } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), 'devices.test.mjs');
const watchdog = setTimeout(() => { console.error('devices.test: watchdog (600 s)'); process.exit(1); }, 600000);
const server = await startServer(opts.repo, opts.dir);
const browser = await launch(opts);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// A test hook's command, then a wake-up: the app draws on demand, and a hook is not an API call.
const hook = (page, cmd) => page.evaluate((c) => {
  const out = Module.ccall('carry_inside_test', 'string', ['string'], [c]);
  Module._carry_wake();
  return out;
}, cmd);
const rects = async (page) => JSON.parse(await hook(page, 'rects'));
const state = (page) => page.evaluate(() => carry.getState());
const centre = (r) => ({ x: (r[0] + r[2]) / 2, y: (r[1] + r[3]) / 2 });
// Polls `fn` until it returns a truthy value or `ms` pass (software WebGL on a busy machine draws
// a few frames a second); returns the last value.
async function until(fn, ms = 8000) {
  const t0 = Date.now();
  let v = await fn();
  while (!v && Date.now() - t0 < ms) { await sleep(150); v = await fn(); }
  return v;
}

async function phone(viewport, hash = '', deviceScaleFactor = 3) {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const w = watch(page);
  await page.goto(server.url + hash);
  await ready(page);
  return { ctx, page, w };
}

// A touch drag by CDP (Playwright's touchscreen only taps): `steps` moves from a to b, then a lift.
async function drag(page, a, b, { steps = 8, holdMs = 0 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const point = (p) => [{ x: p.x, y: p.y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(a) });
  if (holdMs) await sleep(holdMs);
  for (let i = 1; i <= steps; i++) {
    const p = { x: a.x + (b.x - a.x) * i / steps, y: a.y + (b.y - a.y) * i / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(p) });
    await sleep(30);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

// Columns at the right edge of a screenshot that are not background: text or a control cut there.
function rightEdgeInk(png) {
  const { data, width, height } = PNG.sync.read(png);
  const bg = [data[0], data[1], data[2]];
  let ink = 0;
  for (let y = 0; y < height; y++) {
    for (let x = width - 2; x < width; x++) {
      const i = (y * width + x) * 4;
      if (Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) > 60) ink++;
    }
  }
  return ink / (2 * height);
}

// A screenshot checked for content cut at the right edge, and a tap on Train starting training.
async function tapTrain(page, vp) {
  const png = await page.screenshot();
  writeFileSync(path.join(opts.artifacts, `devices-${vp.width}x${vp.height}.png`), png);
  const edge = rightEdgeInk(png);
  check(edge < 0.004, `content reaches the right edge on ${(edge * 100).toFixed(1)} % of the rows (cut off)`);
  const r = await rects(page);
  await page.touchscreen.tap(centre(r.train).x, centre(r.train).y);
  check(await until(async () => (await state(page)).training.training === true), 'a tap on Train did not start training');
  await page.touchscreen.tap(centre(r.train).x, centre(r.train).y);  // pause again
  check(await until(async () => (await state(page)).training.training === false), 'a second tap did not pause');
  return edge;
}

const cases = [];
cases.push(['phone 390x844: tap Train, swipe scrolls, long press shows a tooltip', async () => {
  const vp = { width: 390, height: 844 };
  const { ctx, page, w } = await phone(vp);
  try {
    const edge = await tapTrain(page, vp);
    // A long press on Train shows its tooltip, and lifting the finger then does not press it.
    const t = centre((await rects(page)).train);
    await drag(page, t, t, { steps: 1, holdMs: 1500 });
    const tip = await until(() => hook(page, 'tooltip'), 4000);
    check(/Train the net live/.test(tip), `a long press on Train showed no tooltip (${JSON.stringify(tip)})`);
    check((await state(page)).training.training === false, 'a long press on Train started training');
    // A swipe up on the add view's background (below the fields' right end) scrolls the panels.
    const before = (await rects(page)).a[1];
    const x = vp.width - 12, y0 = Math.min(vp.height - 40, 520), y1 = y0 - 300;
    await drag(page, { x, y: y0 }, { x, y: Math.max(20, y1) }, { steps: 12 });
    const after = await until(async () => { const y = (await rects(page)).a[1]; return y < before - 50 ? y : 0; }) ||
                  (await rects(page)).a[1];
    check(after < before - 50, `a swipe up did not scroll the panels (field a at y ${before} → ${after})`);
    check(w.problems.length === 0, w.problems.join('; '));
    return `tooltip "${tip.slice(0, 30)}…", field a ${before} → ${after}, right-edge ink ${(edge * 100).toFixed(1)} %`;
  } finally { await ctx.close(); }
}]);
for (const [vp, scale] of [[{ width: 844, height: 390 }, 3], [{ width: 768, height: 1024 }, 2]]) {
  cases.push([`${vp.width}x${vp.height} (scale ${scale}): nothing cut at the right edge, a tap on Train`, async () => {
    const { ctx, page, w } = await phone(vp, '', scale);
    try {
      const edge = await tapTrain(page, vp);
      check(w.problems.length === 0, w.problems.join('; '));
      return `right-edge ink ${(edge * 100).toFixed(1)} %`;
    } finally { await ctx.close(); }
  }]);
}

cases.push(['tablet: two fingers spreading on the hidden space zoom it in (pinch)', async () => {
  const { ctx, page, w } = await phone({ width: 768, height: 1024 }, '', 2);
  try {
    check(await hook(page, 'scenario inside-space') === 'ok', 'scenario inside-space refused');
    // Drawn, and settled where the scenario scrolled it (the same rectangle twice, half a second apart).
    let last = '';
    const space = await until(async () => {
      const text = await hook(page, 'space');
      const r = text.split(' ').map(Number);
      const settled = text === last;
      last = text;
      if (!settled) await sleep(500);
      return settled && r[4] === 1 && r[2] > r[0] ? r : null;
    }, 30000);
    check(space, 'the hidden space was not drawn');
    // Swipes on the panels' background until the view is on screen (the scenario opens it below).
    for (let i = 0; i < 6 && space[3] > 1020; i++) {
      await drag(page, { x: 760, y: 900 }, { x: 760, y: 400 }, { steps: 8 });
      await sleep(600);
      const r = (await hook(page, 'space')).split(' ').map(Number);
      for (let k = 0; k < 4; k++) space[k] = r[k];
    }
    check(space[3] <= 1024, `the hidden space stayed below the fold (bottom ${space[3]})`);
    const d0 = Number((await hook(page, 'camera')).split(' ')[2]);
    const c = centre(space);
    const cdp = await page.context().newCDPSession(page);
    const two = (k) => [{ x: c.x - 20 - k, y: c.y, id: 1 }, { x: c.x + 20 + k, y: c.y, id: 2 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: two(0) });
    for (let k = 1; k <= 10; k++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: two(k * 12) });
      await sleep(40);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    const d1 = await until(async () => {
      const d = Number((await hook(page, 'camera')).split(' ')[2]);
      return d < d0 - 0.2 ? d : 0;
    }, 5000) || Number((await hook(page, 'camera')).split(' ')[2]);
    check(d1 < d0 - 0.2, `pinching out did not zoom in (camera distance ${d0} → ${d1})`);
    check(w.problems.length === 0, w.problems.join('; '));
    return `camera distance ${d0.toFixed(2)} → ${d1.toFixed(2)}`;
  } finally { await ctx.close(); }
}]);

cases.push(['desktop: paste into field a with Ctrl+V, copy it out with Ctrl+C', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await ctx.newPage();
  try {
    await page.goto(server.url);
    await ready(page);
    const pasted = '1110001110101';
    await page.evaluate((t) => navigator.clipboard.writeText(t), pasted);
    const a = centre((await rects(page)).a);
    await page.mouse.click(a.x, a.y);
    await sleep(300);
    await page.keyboard.press('Control+A');
    await sleep(300);
    await page.keyboard.press('Control+V');
    await until(async () => (await state(page)).numbers.a === pasted);
    const s = await state(page);
    check(s.numbers.a === pasted, `field a holds ${s.numbers.a} after pasting ${pasted}`);
    await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
    await page.keyboard.press('Control+A');
    await sleep(300);
    await page.keyboard.press('Control+C');
    const copied = await until(async () => {
      const t = await page.evaluate(() => navigator.clipboard.readText());
      return t === 'nothing yet' ? '' : t;
    });
    check(copied === pasted, `Ctrl+C in field a put ${JSON.stringify(copied)} on the clipboard`);
    return `pasted and copied ${pasted}`;
  } finally { await ctx.close(); }
}]);

cases.push(['phone: a vertical swipe over an embedded playground scrolls the course notes', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  try {
    await page.goto(server.url + 'examples/course-notes.html');
    const frame = page.locator('iframe').first();
    await frame.scrollIntoViewIfNeeded();
    await ready(await (await frame.elementHandle()).contentFrame());
    await sleep(500);
    const box = await frame.boundingBox();
    const y0 = await page.evaluate(() => window.scrollY);
    const x = box.x + box.width / 2, ya = box.y + box.height * 0.8, yb = box.y + box.height * 0.2;
    await drag(page, { x, y: ya }, { x, y: yb }, { steps: 10 });
    await sleep(800);
    const y1 = await page.evaluate(() => window.scrollY);
    check(y1 > y0 + 40, `the page did not scroll (scrollY ${y0} → ${y1})`);
    return `scrollY ${y0} → ${y1}`;
  } finally { await ctx.close(); }
}]);

cases.push(['embed at 600x400: the "Open the full playground" link covers nothing of the app', async () => {
  const page = await browser.newPage({ viewport: { width: 600, height: 400 } });
  try {
    await page.goto(server.url + 'index.html?embed=1#panels=add,network&seed=1');
    await ready(page);
    const link = await until(() => page.locator('#full-link').boundingBox().catch(() => null));
    check(link, 'no "Open the full playground" link in embed mode');
    const cv = await page.locator('#canvas').boundingBox();
    check(link.y >= cv.y + cv.height - 0.5, `the link (top ${link.y}) lies over the canvas (bottom ${cv.y + cv.height})`);
    return `canvas ends at ${cv.y + cv.height}, link from ${link.y}`;
  } finally { await page.close(); }
}]);

const code = await runCases(cases);
await browser.close();
await stopServer(server);
clearTimeout(watchdog);
process.exit(code);
