#!/usr/bin/env node
// The playground's full scenario in headless Chromium (issue 4), with real mouse and keyboard
// events on the canvas: click the first number field, select all, type; the same for the second;
// one training step; train until solved; the answer the add view shows is the right sum.
// A screenshot at each stage (saved to --artifacts, checked not blank). It opens the test page
// (build/web/test-site/: the app with tests/support/test_hooks.cpp), whose carry_inside_test starts
// the Models window's scenarios; the shipped site/ has no such hook.
//
//   node tests/browser/scenario.test.mjs <repo> --dir build/web/test-site --artifacts build/screenshots
import { check, frames, launch, parseArgs, ready, runCases, shot, startServer, stopServer, watch } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), 'scenario.test.mjs');
const watchdog = setTimeout(() => { console.error('scenario.test: watchdog (360 s)'); process.exit(1); }, 360000);
const server = await startServer(opts.repo, opts.dir);
const browser = await launch(opts);
const A = '1011011', B = '110101';  // 91 + 53 = 144

async function typeInto(page, rect, text) {
  check(Array.isArray(rect), 'the number field was not drawn');
  const [x0, y0, x1, y1] = rect;
  await page.mouse.click((x0 + x1) / 2, (y0 + y1) / 2);
  await frames(page, 3);
  await page.keyboard.press('Control+A');
  await frames(page, 2);
  await page.keyboard.type(text, { delay: 30 });
  await frames(page, 3);
}

const code = await runCases([
  ['scenario: type, step, train until solved, check the answer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const w = watch(page);
    await page.goto(server.url);
    await ready(page);
    await frames(page, 10);
    await shot(page, opts, 'scenario-1-start');
    let st = await page.evaluate(() => carry.getState());
    check(st.training.sequences === 0, 'a fresh page starts untrained');

    await typeInto(page, st.ui.numberA, A);
    await typeInto(page, st.ui.numberB, B);
    await page.mouse.click(5, 790);  // leave the field
    await frames(page, 5);
    st = await page.evaluate(() => carry.getState());
    check(st.numbers.a === A && st.numbers.b === B, `typed numbers arrived: ${st.numbers.a} ${st.numbers.b}`);
    check(st.numbers.sum === (BigInt('0b' + A) + BigInt('0b' + B)).toString(2).padStart(st.numbers.sum.length, '0'),
          `the true sum column is the exact sum: ${st.numbers.sum}`);
    await shot(page, opts, 'scenario-2-typed');

    st = await page.evaluate(() => carry.step());
    check(st.training.sequences === 8, `one step trains one minibatch of 8 sums (got ${st.training.sequences})`);
    await frames(page, 5);
    await shot(page, opts, 'scenario-3-step');

    const m = await page.evaluate(() => carry.train(400000));
    check(m.solved, `solved within 400 000 sequences (${m.sequences}, exact64 ${m.exact64})`);
    await page.evaluate(() => carry.pause());
    await frames(page, 30);
    st = await page.evaluate(() => carry.getState());
    const exact = (BigInt('0b' + A) + BigInt('0b' + B));
    check(BigInt('0b' + st.numbers.answer) === exact, `the net's answer ${st.numbers.answer} is ${exact.toString(2)}`);
    check(st.numbers.correct && st.numbers.answerDecimal === '144', `answer shown ${st.numbers.answerDecimal}`);
    await shot(page, opts, 'scenario-4-solved');
    check(w.problems.length === 0, w.problems.join('; '));
    await context.close();
    return `solved after ${m.sequences} sequences; answer ${st.numbers.answer} = ${st.numbers.answerDecimal}`;
  }],
  ['the Models window from a link: the zoo trains in WebAssembly a slice per frame', async () => {
    // Issue 9: panels=...,models opens the window; its zoo starts by itself and must finish while
    // the page keeps drawing frames; then the scores a student reads: the recurrent net and the
    // HMM add 256-bit sums, the memoryless and linear models do not.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const w = watch(page);
    await page.goto(server.url + '#panels=add,train,models');
    await ready(page);
    const models = () => page.evaluate(() => JSON.parse(Module.ccall('carry_inside_test', 'string', ['string'], ['models'])));
    let m = await models();
    check(m.open && m.tab === 0, `the link opened the Models window on the zoo tab: ${JSON.stringify(m)}`);
    const t0 = Date.now();
    let framesWhileRunning = 0;
    while ((m.running || m.progress < 1) && Date.now() - t0 < 150000) {
      framesWhileRunning += await page.evaluate(() => new Promise((r) => {
        let n = 0; const end = performance.now() + 1000;
        const tick = () => { n++; if (performance.now() < end) requestAnimationFrame(tick); else r(n); };
        requestAnimationFrame(tick);
      }));
      m = await models();
    }
    const seconds = (Date.now() - t0) / 1000;
    check(!m.running && m.progress === 1, `the zoo finished within 150 s: ${JSON.stringify(m)}`);
    check(framesWhileRunning >= seconds, `the page kept drawing while the zoo trained (${framesWhileRunning} frames in ${seconds.toFixed(1)} s)`);
    const e = m.exact_longest;
    check(e.RNN === 1 && e.HMM === 1, `RNN and HMM exact at 256 bits: ${JSON.stringify(e)}`);
    check(e.autoregressive < 0.5 && e['linear dynamical system'] < 0.5 && e['feed-forward fixed width'] === 0,
          `memoryless, linear and fixed-width models fail at 256 bits: ${JSON.stringify(e)}`);
    await frames(page, 3);
    await shot(page, opts, 'models-zoo');
    // The dynamics explorer's 3D view, drawn by WebGL2 with the hidden-state view's shaders.
    const started = await page.evaluate(() => Module.ccall('carry_inside_test', 'string', ['string'], ['scenario models-dynamics']));
    check(started === 'ok', `scenario models-dynamics: ${started}`);
    await frames(page, 5);
    m = await models();
    check(m.tab === 3 && m.dynamics3d, `the Dynamics tab drew its 3D view: ${JSON.stringify(m)}`);
    await shot(page, opts, 'models-dynamics');
    check(w.problems.length === 0, w.problems.join('; '));
    await context.close();
    return `zoo done in ${seconds.toFixed(1)} s of page time (${framesWhileRunning} frames); at 256 bits ${JSON.stringify(e)}`;
  }],
  ['a key burst within one frame: Ctrl+A then digits replaces the number', async () => {
    // At 10 frames per second a quick Ctrl+A goes down and up between two frames. ImGui 1.86 reads
    // keys once per frame, so without event pacing (src/platform/event_pacing.h) the tap is lost
    // and the digits are appended. One synchronous burst of DOM events lands in a single frame.
    // The page's inputs edit the numbers on the web (web/reader.js): the test hook lets the canvas's
    // field edit them in ImGui, as on the desktop, so ImGui's own key handling is what is tested.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const w = watch(page);
    await page.goto(server.url);
    await ready(page);
    await frames(page, 5);
    let st = await page.evaluate(() => carry.getState());
    const before = st.numbers.a;
    const [x0, y0, x1, y1] = st.ui.numberA;
    check(await page.evaluate(() => Module.ccall('carry_inside_test', 'string', ['string'], ['canvas-inputs'])) === 'ok',
          'the test hook lets the canvas edit');
    await page.mouse.click((x0 + x1) / 2, (y0 + y1) / 2);
    await frames(page, 3);
    await page.evaluate(() => document.getElementById('canvas').focus()); // the page's input took the click's focus
    await frames(page, 3);
    await page.evaluate((digits) => {
      const canvas = document.getElementById('canvas');
      const send = (type, init, keyCode, charCode = 0) => {
        const e = new KeyboardEvent(type, { bubbles: true, cancelable: true, ...init });
        Object.defineProperty(e, 'keyCode', { get: () => keyCode });
        Object.defineProperty(e, 'which', { get: () => keyCode || charCode });
        Object.defineProperty(e, 'charCode', { get: () => charCode });
        canvas.dispatchEvent(e);
      };
      send('keydown', { key: 'Control', code: 'ControlLeft', ctrlKey: true }, 17);
      send('keydown', { key: 'a', code: 'KeyA', ctrlKey: true }, 65);
      send('keyup', { key: 'a', code: 'KeyA', ctrlKey: true }, 65);
      send('keyup', { key: 'Control', code: 'ControlLeft' }, 17);
      for (const d of digits) {
        const code = d === '1' ? 49 : 48;
        send('keydown', { key: d, code: 'Digit' + d }, code);
        send('keypress', { key: d, code: 'Digit' + d }, 0, code);
        send('keyup', { key: d, code: 'Digit' + d }, code);
      }
    }, '1110001');
    await frames(page, 12);
    await page.mouse.click(5, 790);
    await frames(page, 5);
    st = await page.evaluate(() => carry.getState());
    check(st.numbers.a === '1110001', `the burst replaced ${before} with 1110001, got ${st.numbers.a}`);
    check(w.problems.length === 0, w.problems.join('; '));
    await context.close();
    return `${before} replaced by ${st.numbers.a} from one frame's burst`;
  }],
]);

await browser.close();
await stopServer(server);
clearTimeout(watchdog);
process.exit(code);
