import { launch, startServer, stopServer } from '/work/main/tests/browser/lib.mjs';
const server = await startServer('/work/main', '/work/main/build/web/site');
const browser = await launch({ chromium: '/usr/bin/chromium' });
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const page = await ctx.newPage();
  await page.goto(server.url + '#models_tab=nextterm&next_source=pattern&next_pattern=0110&next_noise=0.1&next_hidden=4');
  await page.evaluate(() => window.carry.ready);
  await page.waitForTimeout(8000);
  await page.screenshot({ path: '/work/shots/s5/nextterm-link-light.png' });
  const st = await page.evaluate(() => window.carry.getState());
  console.log(JSON.stringify(Object.fromEntries(Object.entries(st.settings).filter(([k]) => k.startsWith('next_') || k === 'models_tab'))));
  console.log(await page.evaluate(() => location.hash));
  await ctx.close();
} finally { await browser.close(); await stopServer(server); }
