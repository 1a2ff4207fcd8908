// Shared by the browser benchmarks: serve.py and Debian's Chromium through the browser tests'
// helpers (tests/browser/lib.mjs, with playwright-core from tests/browser/node_modules).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const lib = (repo) => import(pathToFileURL(path.join(repo, 'tests', 'browser', 'lib.mjs')).href);

// serve.py --dir <dir> on a free port: { url, proc }.
export async function serve(repo, dir) {
  return (await lib(repo)).startServer(repo, dir);
}

// Headless Chromium (WebGL on SwiftShader: this machine has no GPU) with no frame-rate cap.
export async function launch(repo) {
  return (await lib(repo)).launch({ chromium: '/usr/bin/chromium', args: ['--disable-gpu-vsync', '--disable-frame-rate-limit'] });
}
