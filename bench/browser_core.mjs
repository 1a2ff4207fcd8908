// The core's training throughput (carry-bench core: 64-bit sums, H=3,16 x B=1,32) compiled to
// WebAssembly and run in headless Chromium: the V8 the playground's users run. Prints carry-bench's
// JSON line.
//   node bench/browser_core.mjs <repo> <build/bench-web> <seconds per row>
import { launch, serve } from './chromium.mjs';

const [repo, dir, secondsArg] = process.argv.slice(2);
const { url, proc } = await serve(repo, dir);
const browser = await launch(repo);
let line = '';
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(600000);
  await page.goto(url);
  await page.evaluate(() => window.benchReady);
  line = await page.evaluate((secs) => window.runBench(['core', secs]), String(secondsArg || 1));
} catch (e) {
  line = JSON.stringify({ error: String(e && e.message || e) });
} finally {
  await browser.close();
  proc.kill('SIGINT');
}
process.stdout.write(line.trim() + '\n');
