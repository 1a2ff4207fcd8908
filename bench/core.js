// The page's side of bench/browser_core.mjs: collects carry-bench's printed lines (a file, not an
// inline script: serve.py's Content-Security-Policy allows scripts from the page's origin only).
let lines = [];
var Module = { print: (l) => lines.push(l), printErr: (l) => console.warn(l) };
window.benchReady = new Promise((resolve) => { Module.onRuntimeInitialized = resolve; });
window.runBench = (args) => { lines = []; Module.callMain(args); return lines.join('\n'); };
