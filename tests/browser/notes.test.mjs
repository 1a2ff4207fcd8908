#!/usr/bin/env node
// The course-notes page in headless Chromium: web/examples/course-notes.html, lecture 7's companion
// (issue 16), embeds a frame per section by link alone; three of them (the untrained net, a lesson
// step, a trained net's automaton) become ready and show their state, the page's button scripts the
// first one through postMessage and its state changes; no console errors; a screenshot of the page. Also the Model menu's web side (shell.js): "Download model"
// saves the model JSON through a Blob download, "Load model…" opens a file picker whose file goes
// through loadModel, and a bad file is refused with a visible notice while the net is kept.
//
//   node tests/browser/notes.test.mjs <repo> --dir build/web/site --artifacts build/screenshots
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, frames, launch, parseArgs, ready, runCases, shot, startServer, stopServer, watch } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), 'notes.test.mjs');
const watchdog = setTimeout(() => { console.error('notes.test: watchdog (300 s)'); process.exit(1); }, 300000);
const server = await startServer(opts.repo, opts.dir);
const browser = await launch(opts);
// Polls getState() until `pred` holds. (waitForFunction with a predicate that returns a Promise
// takes the Promise itself as truthy and returned at once, before the picked file had loaded.)
async function untilState(page, pred, what, ms = 10000) {
  const t0 = Date.now();
  for (;;) {
    const s = await page.evaluate(() => carry.getState());
    if (pred(s)) return s;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}
const base = server.url.replace(/\/?(index\.html)?$/, '/');

const code = await runCases([
  ['course notes: three frames ready, the button trains the first one, screenshot', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(base + 'examples/course-notes.html');
    const names = ['untrained', 'training', 'automaton'];
    // Issue 15: a frame starts as it comes near the viewport, so read the page down to each one.
    for (const n of names) {
      await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: 'center' }), n);
      await page.waitForFunction((id) => window.notesReady && window.notesReady[id], n, { timeout: 90000 });
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const n of names) {
      const f = await (await page.$('#' + n)).contentFrame();
      await ready(f);
      check(await f.evaluate(() => carry.state === 'ready' || !!carry.ready), `${n}: carry.ready`);
    }
    const before = await page.evaluate(() => window.notesCall('untrained', 'getState'));
    check(before.training.sequences === 0, `untrained at first: ${before.training.sequences} sequences`);
    await page.click('#train-untrained');
    await page.waitForFunction(() => /Trained on/.test(document.getElementById('result').textContent), null, { timeout: 60000 });
    const after = await page.evaluate(() => window.notesCall('untrained', 'getState'));
    check(after.training.sequences >= 2000 || after.training.solved, `after the button: ${after.training.sequences} sequences`);
    // Issue 16: the other frames show their view by link alone: a lesson's step, a trained net's automaton.
    const lesson = await page.evaluate(() => window.notesCall('training', 'getState'));
    check(lesson.lesson && lesson.lesson.name === 'lecture7' && lesson.lesson.step === 9,
          `the middle frame shows lecture7's step 9 (${JSON.stringify(lesson.lesson)})`);
    const auto = await page.evaluate(() => window.notesCall('automaton', 'getState'));
    check(auto.training.solved && auto.settings.inside_tab === 'automaton' && auto.settings.preset === 'trained',
          `the automaton frame: trained by its link, solved, on the automaton tab`);
    const result = await page.textContent('#result');
    await page.evaluate(() => window.scrollTo(0, 0));
    const s = await shot(page, opts, 'notes-page');
    await page.screenshot({ path: path.join(opts.artifacts, 'notes-page-full.png'), fullPage: true });
    check(w.problems.length === 0, w.problems.join('; '));
    await ctx.close();
    return `${result.trim()} · ${(s.share * 100).toFixed(0)} % foreground`;
  }],
  ['Model menu on the web: download through a Blob, load through a file picker, a bad file refused', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true });
    const page = await ctx.newPage();
    const w = watch(page);
    await page.goto(server.url + '#seed=5');
    await ready(page);
    await frames(page, 5);
    await page.evaluate(() => carry.train(3000));
    const hash = (await page.evaluate(() => carry.getState())).training.weightsHash;
    // The app's menu items post these messages (app/model_menu.cpp); here they are sent directly.
    const model = await page.evaluate(() => carry.saveModel());
    const dl = page.waitForEvent('download');
    await page.evaluate((text) => Module.carryMessage(JSON.stringify({ event: 'download', detail: { name: 'carry-model.json', text } })), model);
    const d = await dl;
    check(d.suggestedFilename() === 'carry-model.json', `download name ${d.suggestedFilename()}`);
    const file = path.join(opts.artifacts, 'notes-model.json');
    await d.saveAs(file);
    await page.evaluate(() => carry.reset());
    check((await page.evaluate(() => carry.getState())).training.sequences === 0, 'reset');
    let chooser = page.waitForEvent('filechooser');
    await page.evaluate(() => Module.carryMessage(JSON.stringify({ event: 'pick-model', detail: '' })));
    await (await chooser).setFiles(file);
    await untilState(page, (s) => s.training.sequences > 0, 'the picked model loaded');
    const loaded = await page.evaluate(() => carry.getState());
    check(loaded.training.weightsHash === hash, 'the downloaded model loads back the same weights');
    const bad = path.join(opts.artifacts, 'notes-bad-model.json');
    writeFileSync(bad, '{"format":"carry-model","version":1,"weights":{}}');
    chooser = page.waitForEvent('filechooser');
    await page.evaluate(() => Module.carryMessage(JSON.stringify({ event: 'pick-model', detail: '' })));
    await (await chooser).setFiles(bad);
    await untilState(page, (s) => /Could not load the model/.test(s.notice), 'the bad model refused');
    const st = await page.evaluate(() => carry.getState());
    check(st.noticeIsError && st.training.weightsHash === hash, `bad file refused, net kept: ${st.notice}`);
    await frames(page, 5);
    await shot(page, opts, 'notes-model-refused');
    check(w.problems.length === 0, w.problems.join('; '));
    await ctx.close();
    return st.notice.slice(0, 120);
  }],
]);

await browser.close();
await stopServer(server);
clearTimeout(watchdog);
process.exit(code);
