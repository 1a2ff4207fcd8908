#!/usr/bin/env node
// Issue 6 in headless Chromium: the link restores the state, bad values are refused one by one
// with a visible notice, hostile links never break the page, the hash follows changes, a shared
// link replays the same run bit for bit (also through carry-cli), the saved session (and a
// corrupted one), embed mode in a 600×400 iframe, and the postMessage API from a host page on
// another origin, with the origin rule.
//
//   node tests/browser/embed.test.mjs <repo> --dir build/web/site --artifacts build/screenshots
//        [--cli "node --no-experimental-fetch build/web/src/cli/carry-cli.js"]
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { check, frames, launch, parseArgs, ready, runCases, shot, startServer, stopServer, watch } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), 'embed.test.mjs');
const watchdog = setTimeout(() => { console.error('embed.test: watchdog (300 s)'); process.exit(1); }, 300000);
const server = await startServer(opts.repo, opts.dir);
const browser = await launch(opts);

async function openPage(url, viewport = { width: 1280, height: 800 }, context = null) {
  const ctx = context ?? await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  const w = watch(page);
  await page.goto(url);
  await ready(page);
  await frames(page, 8);
  return { ctx, page, w };
}
const state = (page) => page.evaluate(() => carry.getState());

// The host page: a tiny server on another port (another origin) with no CSP of its own.
const HOST_HTML = `<!doctype html><meta charset="utf-8"><title>Course notes</title>
<body style="font:16px serif;background:#fff;margin:16px"><h1>Lecture 7: recurrent nets</h1>
<p>A recurrent net with three hidden units learns to add binary numbers.</p>
<div id="frames"></div><script src="host.js"></script></body>`;
const HOST_JS = `
window.hostLog = [];
const q = new URLSearchParams(location.search);
for (const name of ['allowed', 'denied']) {
  if (!q.get(name)) continue;
  const f = document.createElement('iframe');
  f.id = name; f.src = q.get(name); f.width = 600; f.height = 400; f.style.border = '1px solid #ccc';
  document.getElementById('frames').appendChild(f);
}
window.addEventListener('message', (e) => {
  if (e.data && e.data.carry) window.hostLog.push({ from: e.source === document.getElementById('allowed')?.contentWindow ? 'allowed' : 'denied', origin: e.origin, data: e.data });
});
window.send = (name, msg) => document.getElementById(name).contentWindow.postMessage(Object.assign({ carry: 'call' }, msg), '*');
`;
const host = http.createServer((req, res) => {
  const p = req.url.split('?')[0];
  if (p === '/host.html') { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(HOST_HTML); }
  else if (p === '/host.js') { res.writeHead(200, { 'Content-Type': 'text/javascript' }); res.end(HOST_JS); }
  else if (p === '/favicon.ico') { res.writeHead(204); res.end(); }
  else { res.writeHead(404); res.end(); }
});
await new Promise((r) => host.listen(0, '127.0.0.1', r));
const hostOrigin = `http://127.0.0.1:${host.address().port}`;

const code = await runCases([
  ['link: every setting restored, bad values refused one by one with a visible notice', async () => {
    const url = server.url + '#a=1011&b=11&hidden=4&lr=0.05&optimizer=adam&seed=7&speed=4&panels=add,curves,train' +
                '&momentum=abc&batch=9999&colour=red';
    const { ctx, page, w } = await openPage(url);
    const st = await state(page);
    const s = st.settings;
    check(s.a === '1011' && s.b === '11' && s.hidden === 4 && s.lr === 0.05 && s.optimizer === 'adam' && s.seed === 7 &&
          s.speed === 4 && s.panels === 'add,curves,train', `restored: ${JSON.stringify(s)}`);
    check(s.momentum === 0.8 && s.batch === 8, 'bad values keep their defaults');
    check(/Ignored from the link/.test(st.notice) && /momentum/.test(st.notice) && /batch/.test(st.notice) && st.noticeIsError,
          `visible notice: ${st.notice}`);
    check(w.notes.some((n) => /unknown setting "colour"/.test(n)), 'console note for the unknown key');
    await shot(page, opts, 'embed-link-notice');
    check(w.problems.length === 0, w.problems.join('; '));
    await ctx.close();
  }],
  ['hostile links: 10 000-character values, markup, control bytes; the page never breaks', async () => {
    const huge = '1'.repeat(10000);
    const urls = [
      `#a=${huge}&b=${'x'.repeat(10000)}&lr=${huge}`,
      '#a=%3Cscript%3Ealert(1)%3C/script%3E&hide=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E&allow=javascript:alert(1)',
      '#%00%01%02=%FF%FE&lr=1e999&hidden=-0&seed=99999999999999999999&%%%=&&&&=',
      '#' + 'embed=1&'.repeat(3000) + 'x'.repeat(70000),
    ];
    for (const [i, u] of urls.entries()) {
      const { ctx, page, w } = await openPage(server.url + u);
      const st = await state(page);
      check(st.settings.a === '00110100' && st.settings.hidden === 3, `case ${i}: defaults kept`);
      check(w.problems.length === 0, `case ${i}: ${w.problems.join('; ')}`);
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
      await frames(page, 5);
      check(dialogs.length === 0, 'no script ran');
      if (i === 0) {
        check(/too long/.test(st.notice), `notice names the over-long value: ${st.notice.slice(0, 200)}`);
        await shot(page, opts, 'embed-hostile-link');
      }
      await ctx.close();
    }
  }],
  ['the hash follows changes (throttled) and reloading it restores them', async () => {
    const { ctx, page } = await openPage(server.url);
    await page.evaluate(() => carry.setState({ lr: 0.07, hidden: 5, seed: 11 }));
    await page.waitForFunction(() => /lr=0.07/.test(location.hash) && /hidden=5/.test(location.hash), null, { timeout: 5000 });
    const hash = await page.evaluate(() => location.hash);
    const again = await openPage(server.url + hash);
    const s = (await state(again.page)).settings;
    check(s.lr === 0.07 && s.hidden === 5 && s.seed === 11, `reloaded: ${JSON.stringify(s)}`);
    await again.ctx.close();
    await ctx.close();
    return hash.length + ' characters of hash';
  }],
  ['replay: the same link trained for 2 000 sequences gives the same weights twice, and in carry-cli', async () => {
    const link = server.url + '#seed=5&hidden=3&lr=0.2&batch=8&a=101&b=11';
    const hashes = [];
    for (let k = 0; k < 2; k++) {
      const { ctx, page } = await openPage(link);
      const m = await page.evaluate(() => carry.train(2000));
      check(m.sequences === 2000 || m.solved, `trained ${m.sequences}`);
      hashes.push(m.weightsHash);
      await ctx.close();
    }
    check(hashes[0] === hashes[1], `same hash twice: ${hashes}`);
    if (opts.cli) {
      const [cmd, ...pre] = opts.cli.split(' ');
      const out = JSON.parse(execFileSync(cmd, [...pre, 'train', '--link', link, '--max-sequences', '2000', '--json', '--no-progress']).toString());
      check(out.weights_hash === hashes[0], `carry-cli ${out.weights_hash} vs page ${hashes[0]}`);
    }
    return `weights ${hashes[0]}${opts.cli ? ' (= carry-cli)' : ''}`;
  }],
  ['saved session: restored on the next visit; a corrupted entry is discarded with a notice', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const first = await openPage(server.url, null, ctx);
    await first.page.evaluate(() => carry.setState({ hidden: 6, a: '111' }));
    await first.page.waitForFunction(() => /hidden=6/.test(localStorage.getItem('carry.session') || ''), null, { timeout: 5000 });
    await first.page.close();
    const second = await openPage(server.url, null, ctx);
    let st = await state(second.page);
    check(st.settings.hidden === 6 && st.settings.a === '111', 'the last session came back');
    for (const bad of ['{garbage', '{"format":"carry-session","version":0,"state":"hidden=6"}',
                       '{"format":"carry-session","version":1,"state":"hidden=99"}']) {
      await second.page.evaluate((b) => localStorage.setItem('carry.session', b), bad);
      await second.page.goto(server.url);
      await ready(second.page);
      await frames(second.page, 8);
      st = await state(second.page);
      check(st.settings.hidden === 3 && /could not be restored/.test(st.notice), `${bad}: defaults and a notice (${st.notice})`);
    }
    await shot(second.page, opts, 'embed-session-discarded');
    check(second.w.problems.length === 0, second.w.problems.join('; '));
    await ctx.close();
  }],
  ['embed mode in a 600×400 iframe on another origin; postMessage API and the origin rule', async () => {
    const frameUrl = (allow) => server.url + '?embed=1#panels=add,train&hide=seed,optimizer&a=1011&b=0110' +
                                (allow ? '&allow=' + encodeURIComponent(hostOrigin) : '');
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    const page = await ctx.newPage();
    const w = watch(page);
    const notes = [];
    page.on('console', (m) => notes.push(m.text()));
    await page.goto(`${hostOrigin}/host.html?allowed=${encodeURIComponent(frameUrl(true))}&denied=${encodeURIComponent(frameUrl(false))}`);
    const allowed = page.frame({ url: (u) => u.href.includes('allow=') });
    const denied = page.frames().find((f) => f !== allowed && f.url().includes('embed=1'));
    check(allowed && denied, 'both frames exist');
    await ready(allowed);
    await ready(denied);
    await frames(allowed, 10);
    await page.waitForFunction(() => window.hostLog.some((m) => m.data.name === 'ready' && m.from === 'allowed'), null, { timeout: 10000 });
    check(!(await page.evaluate(() => window.hostLog.some((m) => m.from === 'denied'))), 'no events to a host that is not allowed');
    const embedState = await allowed.evaluate(() => carry.getState());
    check(embedState.embed && embedState.settings.panels === 'add,train' && embedState.settings.hide === 'optimizer,seed', 'embed settings');
    check(await allowed.evaluate(() => !!document.getElementById('full-link')?.href.includes('panels=')), 'the "open full playground" link');
    check(await allowed.evaluate(() => !document.getElementById('full-link').href.includes('embed=1')), 'the full link leaves embed mode');

    const call = async (name, msg) => {
      const before = await page.evaluate(() => window.hostLog.length);
      await page.evaluate(([n, m]) => window.send(n, m), [name, msg]);
      try {
        await page.waitForFunction(([b, id]) => window.hostLog.slice(b).some((m) => m.data.carry === 'reply' && m.data.id === id),
                                   [before, msg.id], { timeout: name === 'denied' ? 2000 : 60000 });
      } catch (e) { return null; }
      return page.evaluate((id) => window.hostLog.filter((m) => m.data.id === id).pop().data, msg.id);
    };
    let r = await call('allowed', { id: 1, method: 'getState', args: [] });
    check(r && r.ok && r.result.numbers.a === '1011', 'getState over postMessage');
    r = await call('allowed', { id: 2, method: 'train', args: ['lots'] });
    check(r && !r.ok && /n must be/.test(r.error), `bad argument -> error reply (${r && r.error})`);
    r = await call('allowed', { id: 3, method: 'nope', args: [] });
    check(r && !r.ok, 'unknown method -> error reply');
    r = await call('allowed', { id: 4, method: 'setNumbers', args: ['1101', '0111'] });
    check(r && r.ok && r.result.numbers.a === '1101', 'setNumbers');
    r = await call('allowed', { id: 5, method: 'setState', args: [{ allow: 'https://evil.example' }] });
    check(r && !r.ok, 'allow cannot be changed by a script');
    r = await call('allowed', { id: 6, method: 'train', args: [400000] });
    check(r && r.ok && r.result.solved, `train resolves with metrics (${JSON.stringify(r && r.result)})`);
    await page.waitForFunction(() => window.hostLog.some((m) => m.data.name === 'solved'), null, { timeout: 5000 });
    r = await call('allowed', { id: 7, method: 'saveModel', args: [] });
    check(r && r.ok && JSON.parse(r.result).format === 'carry-model', 'saveModel returns the model JSON');
    const model = r.result;
    r = await call('allowed', { id: 8, method: 'reset', args: [] });
    check(r && r.ok && r.result.training.sequences === 0, 'reset');
    r = await call('allowed', { id: 9, method: 'loadModel', args: [model] });
    check(r && r.ok && r.result.training.solved, 'loadModel brings the solved net back');
    r = await call('allowed', { id: 10, method: 'loadModel', args: ['{"format":"carry-model","version":1}'] });
    check(r && !r.ok, 'a bad model -> error reply');
    r = await call('denied', { id: 11, method: 'reset', args: [] });
    check(r === null, 'a frame whose link does not allow the host ignores it');
    check(notes.some((n) => /ignored a message from/.test(n)), 'console note in the frame that ignored it');
    await frames(allowed, 10);
    await shot(page, opts, 'embed-host-page');
    await shot(allowed.frameElement ? await allowed.frameElement() : page, opts, 'embed-iframe-600x400');
    check(w.problems.length === 0, w.problems.join('; '));
    await ctx.close();
  }],
]);

await browser.close();
await stopServer(server);
host.close();
clearTimeout(watchdog);
process.exit(code);
