// Shared by the browser benchmarks: serve a folder with serve.py on a free port, and launch
// Debian's Chromium headless through playwright-core (from tests/browser/node_modules).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';

// serve.py --dir <dir> on port 0; resolves to { url, proc } once it prints its address.
export async function serve(repo, dir) {
  const proc = spawn('python3', [path.join(repo, 'serve.py'), '--no-build', '--quiet', '--port', '0', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve.py printed no URL within 15 s')), 15000);
    createInterface({ input: proc.stdout }).on('line', (l) => {
      const m = l.match(/(http:\/\/\S+:\d+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  return { url, proc };
}

// Headless Chromium with WebGL on SwiftShader and no frame-rate cap (this machine has no GPU).
export async function launch(repo) {
  const require = createRequire(path.join(repo, 'tests/browser/package.json'));
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-quic', '--disable-gpu-vsync', '--disable-frame-rate-limit'],
  });
}
