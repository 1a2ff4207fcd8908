#!/usr/bin/env node
// Every reader (issue 18 items 1, 2, 5; issue 17 item 1): the page's parallel DOM (web/reader.js)
// in headless Chromium, one served build and one browser for all cases.
//   aria      the ARIA snapshot holds the two named text boxes, the Train button and a live region
//             whose text changes when the sum changes (the snapshot is saved as aria-snapshot.txt)
//   keyboard  Tab from the page's start (the canvas has the focus) reaches number a; typed digits reach the app; Tab on to
//             Train, Enter: training starts; Tab reaches the canvas, arrows move ImGui's focus ring,
//             Esc and Tab leave it; screenshots of the focused input and of the canvas's ring
//   fill      filling an input changes the app's state; a bad digit shows the app's own message
//             through aria-invalid / aria-describedby; an IME's text arrives once committed; the
//             buttons act through the app's commands
//   phone     390×844, device scale 3, touch: a tap on the canvas's number field focuses the
//             input, typing there changes the state; screenshot
//   axe       axe-core (pinned in package-lock.json): no serious or critical violation on the page,
//             on embed-example.html and on examples/course-notes.html (frames included)
//
//   node tests/browser/readers.test.mjs <repo> --dir build/web/site --artifacts build/screenshots
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { check, frames, launch, parseArgs, ready, runCases, shot, startServer, stopServer, watch } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), 'readers.test.mjs');
const watchdog = setTimeout(() => { console.error('readers.test: watchdog (420 s)'); process.exit(1); }, 420000);
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const server = await startServer(opts.repo, opts.dir);
const browser = await launch(opts);
const base = server.url.replace(/\/?(index\.html)?$/, '/');

// A page of the playground, ready, with its mirror filled in by the app's first state.
async function openPage(contextOptions) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, ...contextOptions });
  const page = await context.newPage();
  const w = watch(page);
  await page.goto(base);
  await ready(page);
  await page.waitForFunction(() => !document.getElementById('reader').hidden && document.getElementById('reader-a').value !== '');
  return { context, page, w };
}

// Polls the page until fn(arg) is truthy (the app draws on demand: a state arrives within a frame or
// a quarter second, but a loaded machine may take much longer; no timing is asserted).
const until = (page, fn, arg, what) =>
  page.waitForFunction(fn, arg, { timeout: 30000, polling: 100 }).catch(() => { throw new Error(`timed out: ${what}`); });
// A mirror button is revealed while it has focus (as a keyboard or screen reader reaches it): focus, then click.
async function pressButton(page, command) {
  const sel = `[data-command="${command}"]`;
  await page.focus(sel);
  await page.click(sel);
}
const active = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e ? (e.id || e.dataset.command || e.tagName) : null;
});

const code = await runCases([
  ['aria: named text boxes, the Train button, a live region that follows the sum', async () => {
    const { context, page, w } = await openPage();
    try {
      // The loading overlay is gone (it fades out after the first frames), so the snapshot is the page's.
      await until(page, () => getComputedStyle(document.getElementById('overlay')).visibility === 'hidden', null, 'overlay hidden');
      const snap = await page.locator('body').ariaSnapshot();
      writeFileSync(path.join(opts.artifacts, 'aria-snapshot.txt'), snap + '\n');
      check(/textbox "Number a \(binary\)"/.test(snap), `no text box for a:\n${snap}`);
      check(/textbox "Number b \(binary\)"/.test(snap), `no text box for b:\n${snap}`);
      check(/button "Train"/.test(snap), `no Train button:\n${snap}`);
      check(/status/.test(snap), `no live region:\n${snap}`);
      const live = page.locator('#reader-live');
      check(await live.getAttribute('aria-live') === 'polite', 'the live region is polite');
      const before = await live.textContent();
      await page.evaluate(() => carry.setNumbers('1011', '110')); // 11 + 6 = 17 = 10001
      await until(page, () => /10001/.test(document.getElementById('reader-live').textContent), null,
                  'the live region names the new sum');
      const after = await live.textContent();
      check(after !== before, 'the live region changed');
      const snap2 = await page.locator('body').ariaSnapshot();
      writeFileSync(path.join(opts.artifacts, 'aria-snapshot-after-sum.txt'), snap2 + '\n');
      check(snap2.includes('10001'), 'the snapshot after the change holds the new sum');
      check(w.problems.length === 0, w.problems.join('\n'));
      return `live region: "${after.slice(0, 90)}…"`;
    } finally { await context.close(); }
  }],

  ['keyboard: Tab to a number, type, Tab to Train, Enter; the canvas is entered and left', async () => {
    const { context, page, w } = await openPage();
    try {
      // The page starts with the canvas focused (shell.js); the mirror follows it in the Tab order.
      check(await active(page) === 'canvas', `the page starts with the focus on ${await active(page)}`);
      await page.keyboard.press('Tab');
      check(await active(page) === 'reader-a', `the first Tab lands on ${await active(page)}, not number a`);
      const box = await page.locator('#reader-a').boundingBox();
      check(box && box.width > 100 && box.height > 20, `the focused input is visible: ${JSON.stringify(box)}`);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('1101');
      await until(page, () => carry.getState().then((s) => s.numbers.a === '1101'), null, 'typed a reaches the app');
      await shot(page, opts, 'readers-focus-input-1280x800');
      await page.keyboard.press('Tab');
      check(await active(page) === 'reader-b', `Tab from a goes to ${await active(page)}`);
      await page.keyboard.press('Tab');
      check(await active(page) === 'train', `Tab from b goes to ${await active(page)}, not Train`);
      await page.keyboard.press('Enter');
      await until(page, () => carry.getState().then((s) => s.training.training), null, 'Enter on Train starts training');
      await until(page, () => document.querySelector('[data-command="train"]').textContent === 'Pause training', null,
                  'the button becomes Pause training');
      await page.keyboard.press('Enter'); // the same button pauses
      await until(page, () => carry.getState().then((s) => !s.training.training), null, 'Enter again pauses');
      // On past the last button, out of the page and round to its start: the canvas.
      for (let i = 0; i < 10 && (await active(page)) !== 'canvas'; i++) await page.keyboard.press('Tab');
      check(await active(page) === 'canvas', `Tab comes round to the canvas (at ${await active(page)})`);
      // Inside the canvas the arrows move ImGui's focus ring (a frame drawn per key).
      for (const k of ['ArrowDown', 'ArrowDown', 'ArrowRight']) { await page.keyboard.press(k); await frames(page, 3); }
      await frames(page, 10);
      await shot(page, opts, 'readers-canvas-keyboard-1280x800');
      check(await active(page) === 'canvas', 'arrows keep the focus in the canvas');
      await page.keyboard.press('Escape');
      check(await active(page) !== 'canvas', 'Esc leaves the canvas');
      await page.focus('#canvas');
      await page.keyboard.press('Shift+Tab');
      check(await active(page) !== 'canvas', 'Shift+Tab leaves the canvas');
      await page.focus('#canvas');
      await page.keyboard.press('Tab');
      check(await active(page) === 'reader-a', `Tab from the canvas goes to ${await active(page)}, not number a`);
      // A click on the canvas's field b hands the edit to input b; Esc there goes back to the canvas.
      const [x0, y0, x1, y1] = (await page.evaluate(() => carry.getState())).ui.numberB;
      await page.mouse.click((x0 + x1) / 2, (y0 + y1) / 2);
      await until(page, () => document.activeElement.id === 'reader-b', null, 'a click on field b focuses input b');
      // Let the app answer the click in its own frames first (under load it can answer late, after the
      // page's own pointerup already focused the input), as a person reads the field before pressing Esc.
      await frames(page, 10);
      await until(page, () => document.activeElement.id === 'reader-b', null, 'input b keeps the focus');
      await page.keyboard.press('Escape');
      check(await active(page) === 'canvas', `Esc in input b goes back to ${await active(page)}, not the canvas`);
      check(w.problems.length === 0, w.problems.join('\n'));
    } finally { await context.close(); }
  }],

  ['fill: the inputs and buttons act on the app; its digit rules show through ARIA', async () => {
    const { context, page, w } = await openPage();
    try {
      await page.fill('#reader-b', '111');
      await until(page, () => carry.getState().then((s) => s.numbers.b === '111'), null, 'filled b reaches the app');
      await page.fill('#reader-a', '10201');
      await until(page, () => document.getElementById('reader-a').getAttribute('aria-invalid') === 'true', null,
                  'a bad digit marks the input invalid');
      const st = await page.evaluate(() => carry.getState());
      const note = await page.evaluate(() => {
        const i = document.getElementById('reader-a');
        return document.getElementById(i.getAttribute('aria-describedby')).textContent;
      });
      check(st.numbers.errorA && note === st.numbers.errorA, `the input describes the app's error: "${note}" vs "${st.numbers.errorA}"`);
      await page.fill('#reader-a', '1 01');  // blanks are dropped, as in the canvas's field
      await until(page, () => carry.getState().then((s) => s.numbers.a === '101'), null, 'blanks dropped');
      // An IME's composition: nothing reaches the app while it composes; the committed text does.
      await page.fill('#reader-b', '');
      await until(page, () => carry.getState().then((s) => s.numbers.b === ''), null, 'b emptied');
      const cdp = await context.newCDPSession(page);
      await page.focus('#reader-b');
      await cdp.send('Input.imeSetComposition', { text: '11', selectionStart: 2, selectionEnd: 2 });
      await frames(page, 5);
      check((await page.evaluate(() => carry.getState())).numbers.b === '', 'a composition in progress stays out of the app');
      await cdp.send('Input.insertText', { text: '110' });
      await until(page, () => carry.getState().then((s) => s.numbers.b === '110'), null, 'the committed composition reaches the app');
      await pressButton(page, 'example');
      await until(page, () => carry.getState().then((s) => s.numbers.a === '00110100' && s.numbers.b === '01001101'), null,
                  "Lecture's example");
      await pressButton(page, 'swap');
      await until(page, () => carry.getState().then((s) => s.numbers.a === '01001101'), null, 'Swap');
      await until(page, () => document.getElementById('reader-a').value === '01001101', null, 'the input follows Swap');
      await pressButton(page, 'step');
      await until(page, () => carry.getState().then((s) => s.training.sequences > 0), null, 'Step trains one minibatch');
      check(w.problems.length === 0, w.problems.join('\n'));
    } finally { await context.close(); }
  }],

  ['phone: a tap on the canvas number field focuses its input (390×844, touch, scale 3)', async () => {
    const { context, page, w } = await openPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    try {
      await frames(page, 10);
      const st = await page.evaluate(() => carry.getState());
      check(Array.isArray(st.ui.numberB), 'the canvas drew number b');
      const [x0, y0, x1, y1] = st.ui.numberB;
      await page.touchscreen.tap((x0 + x1) / 2, (y0 + y1) / 2);
      await until(page, () => document.activeElement && document.activeElement.id === 'reader-b', null, 'the tap focuses input b');
      const attrs = await page.evaluate(() => {
        const i = document.getElementById('reader-b');
        return [i.inputMode, i.getAttribute('autocomplete'), i.getAttribute('autocorrect'), i.getAttribute('autocapitalize'),
                i.spellcheck, parseFloat(getComputedStyle(i).fontSize)];
      });
      check(attrs[0] === 'numeric' && attrs[1] === 'off' && attrs[2] === 'off' && attrs[3] === 'off' && attrs[4] === false,
            `input attributes ${JSON.stringify(attrs)}`);
      check(attrs[5] >= 16, `the input's font is ${attrs[5]} px (iOS zooms under 16)`);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('100001');
      await until(page, () => carry.getState().then((s) => s.numbers.b === '100001'), null, 'typed b reaches the app');
      await shot(page, opts, 'readers-focus-input-390x844');
      await page.keyboard.press('Enter'); // back to the canvas, as a phone's Done key
      check(await active(page) === 'canvas', `Enter returns to the canvas (at ${await active(page)})`);
      check(w.problems.length === 0, w.problems.join('\n'));
    } finally { await context.close(); }
  }],

  ['axe: no serious or critical violation on the page, an embed and the course notes', async () => {
    // The server's CSP forbids inline scripts; axe is injected as one, so this context bypasses CSP.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, bypassCSP: true });
    const page = await context.newPage();
    const report = [];
    try {
      for (const [name, url, frameIds] of [
        ['page', base, []],
        ['embed', base + 'embed-example.html', ['iframe']],
        ['course notes', base + 'examples/course-notes.html', ['#untrained', '#training', '#automaton']],
      ]) {
        await page.goto(url);
        for (const sel of frameIds) {
          await page.evaluate((s) => document.querySelector(s).scrollIntoView({ block: 'center' }), sel);
          await ready(await (await page.$(sel)).contentFrame());
        }
        if (!frameIds.length) await ready(page);
        await page.evaluate(() => window.scrollTo(0, 0));
        await frames(page, 5);
        for (const f of page.frames()) await f.addScriptTag({ content: AXE });
        const bad = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        });
        report.push(`${name}: ${bad.length}`);
        check(bad.length === 0, `${name}:\n      ${bad.join('\n      ')}`);
      }
      return report.join(', ');
    } finally { await context.close(); }
  }],
]);

clearTimeout(watchdog);
await browser.close();
await stopServer(server);
process.exit(code);
