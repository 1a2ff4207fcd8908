#!/usr/bin/env node
// Light and dark, reduced motion, and a change of device pixel ratio in headless Chromium
// (issues 17 and 18): one served build, one browser, every case in its own context.
//
//   light     prefers-color-scheme: light gives a light canvas (its pixels) and a light page; the
//             main labels' contrast measured from the screenshot's pixels; a switch of the
//             preference at run time turns both dark
//   override  theme=dark in the link wins over a light preference
//   embed     web/embed-example.html, a white page, holds a light playground
//   motion    prefers-reduced-motion: the sum's cursor does not advance on its own
//   dpr       a device pixel ratio change rebuilds the font atlas and the canvas backing store
//   views     screenshots of every Inside tab and Models tab in light (scenarios: the test page)
// It opens the test page (build/web/test-site/: the app with tests/support/test_hooks.cpp) for the
// scenarios of the last case.
//
//   node tests/browser/theme.test.mjs <repo> --dir build/web/test-site --artifacts build/screenshots
import { PNG } from 'pngjs';
import { check, frames, launch, parseArgs, ready, runCases, shot, startServer, stopServer, watch } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), 'theme.test.mjs');
const watchdog = setTimeout(() => { console.error('theme.test: watchdog (360 s)'); process.exit(1); }, 360000);
const server = await startServer(opts.repo, opts.dir);
const browser = await launch(opts);
const VIEW = { width: 1280, height: 800 };

// WCAG relative luminance and contrast of [r, g, b] (0..255).
function luminance([r, g, b]) {
  const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
function contrast(a, b) {
  const la = luminance(a), lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// The most common colour of a PNG region (its ground) and the pixel farthest from it in contrast
// (the core of a glyph's stroke): the label's contrast as a reader sees it.
function regionContrast(png, [x0, y0, x1, y1]) {
  const { data, width } = PNG.sync.read(png);
  const counts = new Map();
  const px = (x, y) => { const i = (y * width + x) * 4; return [data[i], data[i + 1], data[i + 2]]; };
  for (let y = Math.floor(y0); y < y1; y++)
    for (let x = Math.floor(x0); x < x1; x++) {
      const k = px(x, y).join(',');
      counts.set(k, (counts.get(k) || 0) + 1);
    }
  let ground = null, best = -1;
  for (const [k, n] of counts) if (n > best) { best = n; ground = k.split(',').map(Number); }
  let ratio = 1, ink = ground;
  for (const k of counts.keys()) {
    const c = k.split(',').map(Number);
    const r = contrast(c, ground);
    if (r > ratio) { ratio = r; ink = c; }
  }
  return { ground, ink, ratio };
}

// Mean luminance of the canvas's pixels (0 black .. 1 white).
function meanLuminance(png) {
  const { data, width, height } = PNG.sync.read(png);
  let sum = 0;
  for (let i = 0; i < data.length; i += 16) sum += luminance([data[i], data[i + 1], data[i + 2]]);
  return sum / (width * height / 4);
}

async function open(contextOptions, url) {
  const context = await browser.newContext({ viewport: VIEW, deviceScaleFactor: 1, ...contextOptions });
  const page = await context.newPage();
  const w = watch(page);
  await page.goto(url);
  await ready(page);
  await frames(page, 10);
  return { context, page, w };
}

const state = (page) => page.evaluate(() => carry.getState());
const call = (page, cmd) => page.evaluate((c) => Module.ccall('carry_inside_test', 'string', ['string'], [c]), cmd);
const pageTheme = (page) => page.evaluate(() => ({
  data: document.documentElement.dataset.theme,
  bg: getComputedStyle(document.body).backgroundColor,
}));
const rgbOf = (css) => css.match(/\d+/g).slice(0, 3).map(Number);

const code = await runCases([
  ['light: prefers-color-scheme light gives a light canvas and page, labels at 4.5:1 or more', async () => {
    const { context, page, w } = await open({ colorScheme: 'light' }, server.url);
    let st = await state(page);
    check(st.appearance.theme === 'light', `the app is light (${JSON.stringify(st.appearance)})`);
    check(st.settings.theme === 'auto', 'by default the theme follows the page');
    await shot(page, opts, 'theme-light-page');
    const png = await page.screenshot();
    const lum = meanLuminance(await page.locator('#canvas').screenshot());
    check(lum > 0.6, `the canvas is light (mean luminance ${lum.toFixed(2)})`);
    const t = await pageTheme(page);
    check(t.data === 'light' && luminance(rgbOf(t.bg)) > 0.8, `the page is light (${t.data}, ${t.bg})`);
    // The main labels, measured in the screenshot: menu bar, toolbar, the number fields, the Train button.
    const figures = [];
    const regions = { 'menu bar': [4, 2, 420, 22], 'toolbar': [4, 26, 640, 56], 'number a': st.ui.numberA,
                      'number b': st.ui.numberB, 'Train button': st.ui.train };
    for (const [name, r] of Object.entries(regions)) {
      check(Array.isArray(r), `${name} was drawn`);
      const c = regionContrast(png, r);
      figures.push(`${name} ${c.ratio.toFixed(1)}:1 (ink ${c.ink} on ${c.ground})`);
      check(c.ratio >= 4.5, `${name}: contrast ${c.ratio.toFixed(2)}:1`);
    }
    // The reader switches the system to dark: the app and the page follow, no reload.
    await page.emulateMedia({ colorScheme: 'dark' });
    await frames(page, 10);
    st = await state(page);
    check(st.appearance.theme === 'dark', 'auto follows a change of preference');
    const dark = meanLuminance(await page.locator('#canvas').screenshot());
    check(dark < 0.2, `the canvas turned dark (${dark.toFixed(2)})`);
    check((await pageTheme(page)).data === 'dark', 'the page turned dark');
    const darkPng = await page.screenshot();
    await shot(page, opts, 'theme-dark-page');
    for (const [name, r] of Object.entries({ 'menu bar': [4, 2, 420, 22], 'Train button': st.ui.train })) {
      const c = regionContrast(darkPng, r);
      figures.push(`dark ${name} ${c.ratio.toFixed(1)}:1`);
      check(c.ratio >= 4.5, `dark ${name}: contrast ${c.ratio.toFixed(2)}:1`);
    }
    check(w.problems.length === 0, w.problems.join('; '));
    await context.close();
    return figures.join('; ');
  }],
  ['override: theme=dark in the link wins over a light preference', async () => {
    const { context, page, w } = await open({ colorScheme: 'light' }, server.url + '#theme=dark');
    const st = await state(page);
    check(st.appearance.theme === 'dark' && st.settings.theme === 'dark', JSON.stringify(st.appearance));
    const lum = meanLuminance(await page.locator('#canvas').screenshot());
    check(lum < 0.2, `the canvas is dark (${lum.toFixed(2)})`);
    check((await pageTheme(page)).data === 'dark', 'the page is dark');
    check(w.problems.length === 0, w.problems.join('; '));
    await context.close();
  }],
  ['embed: a playground in a white page of notes is light', async () => {
    const context = await browser.newContext({ viewport: VIEW, deviceScaleFactor: 1, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(server.url + 'embed-example.html');
    const handle = await page.waitForSelector('iframe');
    // Its document replaces about:blank when the lazy frame loads: wait for the page shell's API.
    await page.waitForFunction(() => document.querySelector('iframe').contentWindow?.carry, null, { timeout: 60000 });
    const frame = await handle.contentFrame();
    await ready(frame);
    await frames(frame, 10);
    const st = await frame.evaluate(() => carry.getState());
    check(st.appearance.theme === 'light', 'the embedded app is light');
    const lum = meanLuminance(await page.locator('iframe').screenshot());
    check(lum > 0.6, `the frame is light (mean luminance ${lum.toFixed(2)})`);
    const host = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    check(luminance(rgbOf(host)) > 0.8, `the notes page is light (${host})`);
    await shot(page, opts, 'theme-embed-light');
    await context.close();
  }],
  ['motion: with prefers-reduced-motion the cursor does not advance on its own', async () => {
    const { context, page, w } = await open({ reducedMotion: 'reduce' }, server.url);
    let st = await state(page);
    check(st.appearance.reduceMotion === true, 'the app hears the preference');
    check(st.animating === false, 'the animation waits for the reader');
    const step = st.numbers.step;
    await page.waitForTimeout(3000);  // at 2 steps per second the cursor would have moved 6 steps
    st = await state(page);
    check(st.numbers.step === step, `the cursor stayed at ${step} (now ${st.numbers.step})`);
    // (Play then moves it once through: tests/unit/test_appearance.cpp; carry.play() is training.)
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await frames(page, 5);
    check((await state(page)).appearance.reduceMotion === false, 'a change of preference is heard');
    check(w.problems.length === 0, w.problems.join('; '));
    await context.close();
  }],
  ['dpr: a device pixel ratio change rebuilds the font atlas and the backing store', async () => {
    const { context, page, w } = await open({}, server.url);
    const before = (await state(page)).appearance;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...VIEW, deviceScaleFactor: 2, mobile: false });
    await frames(page, 10);
    const after = (await state(page)).appearance;
    check(after.devicePixelRatio === 2, `the app sees the new ratio (${after.devicePixelRatio})`);
    check(after.fontBuilds > before.fontBuilds, `the atlas was rebuilt (${before.fontBuilds} -> ${after.fontBuilds})`);
    check(after.fontPixels === before.fontPixels * 2, `fonts rasterized at 2x (${before.fontPixels} -> ${after.fontPixels})`);
    check(after.atlas[1] > before.atlas[1], `a bigger atlas (${before.atlas} -> ${after.atlas})`);
    const canvas = await page.evaluate(() => [canvas.width, canvas.clientWidth]);
    check(canvas[0] === canvas[1] * 2, `the backing store follows (${canvas[0]} for ${canvas[1]} CSS px)`);
    await shot(page, opts, 'theme-dpr2');
    check(w.problems.length === 0, w.problems.join('; '));
    await context.close();
    return `atlas ${before.atlas} -> ${after.atlas}, font ${before.fontPixels} -> ${after.fontPixels} px`;
  }],
  ['views: every Inside and Models tab in light (screenshots)', async () => {
    const { context, page, w } = await open({ colorScheme: 'light' }, server.url + '#theme=light');
    const names = ['inside-space', 'inside-automaton', 'inside-backprop', 'inside-gradients', 'inside-baseline',
                   'zoo', 'models-states', 'models-gradients', 'models-dynamics', 'models-modes'];
    for (const n of names) {
      const r = await call(page, 'scenario ' + n);
      check(r === 'ok', `scenario ${n}: ${r}`);
      await page.waitForTimeout(n === 'zoo' ? 6000 : 1500);
      await frames(page, 5);
      await shot(page, opts, 'theme-light-' + n);
    }
    check(w.problems.length === 0, w.problems.join('; '));
    await context.close();
  }],
]);

await browser.close();
await stopServer(server);
clearTimeout(watchdog);
process.exit(code);
