// Carry's page shell: checks the browser, loads the WebAssembly app with a progress overlay,
// explains failures instead of leaving a blank page, and exposes `window.carry`.
//
// Contract with the app (carry.js / carry.wasm, Emscripten, non-MODULARIZE):
//   - this file defines the global `Module` before adding <script src="carry.js">;
//   - the app draws into canvas#canvas and sizes its drawing buffer itself (CSS size × DPR);
//   - after its first frame is fully drawn the app calls `Module.carryFirstFrame()`;
//   - C functions `carry_version()` and `carry_build_info()` return C strings (via ccall).
//
// `window.carry`, the embedding API (later issues add methods; keep them on this one object):
//   carry.ready          Promise: resolves (with `carry`) once the first frame is drawn; rejects
//                        (with an Error) if WebGL2 is missing or the app fails to load or aborts.
//   carry.state          'loading' | 'running' | 'failed' | 'context-lost'
//   carry.version()      version string, e.g. "0.1.0"; null until the runtime is initialized.
//   carry.buildInfo()    build description string; null until the runtime is initialized.
//   carry.on(name, fn)   subscribe; returns an unsubscribe function. carry.off(name, fn).
//                        Events: 'status' {text, progress|null}, 'ready', 'error' {message},
//                        'contextlost'.
//   carry.canvas         the canvas element.
//
// The playground API (issue 6; README "JavaScript API"). Every method returns a Promise, waits for
// `ready`, and rejects with an Error when the app refuses the call (arguments are validated in C++,
// core/js_api_validate.h):
//   getState()  setState(partial)  setNumbers(a, b)  step()  play()  pause()  reset()
//   train(n) -> metrics   saveModel() -> JSON text   loadModel(jsonTextOrObject)
//   Events: 'solved' (metrics), 'error' ({message, kind}), 'state' ({hash, embed}).
// The same calls arrive by postMessage from the page around an <iframe>:
//   host -> frame  {carry: 'call', id, method, args}
//   frame -> host  {carry: 'reply', id, ok, result | error}   {carry: 'event', name, detail}
// accepted from this page's own origin and the origins of the link's `allow` setting; any other
// origin is ignored (with a console note). The URL hash follows the state; localStorage keeps the
// last session (not in embed mode).
//
// The playground API (issue 6; README "JavaScript API"). Every method returns a Promise, waits for
// `ready`, and rejects with an Error when the app refuses the call (arguments are validated in C++,
// core/js_api_validate.h):
//   getState()  setState(partial)  setNumbers(a, b)  step()  play()  pause()  reset()
//   train(n) -> metrics   saveModel() -> JSON text   loadModel(jsonTextOrObject)
//   Events: 'solved' (metrics), 'error' ({message, kind}), 'state' ({hash, ...}).
// The same calls arrive by postMessage from the page around an <iframe>:
//   host -> frame  {carry: 'call', id, method, args}
//   frame -> host  {carry: 'reply', id, ok, result | error}   {carry: 'event', name, detail}
// accepted from this page's own origin and the origins of the link's `allow` setting; any other
// origin is ignored (with a console note). The URL hash follows the state; localStorage keeps the
// last session (not in embed mode).
//
// Frames (issue 15): the app draws only when something changes (src/platform/main.cpp). This file
// tells it what it cannot see: the tab hidden or the frame scrolled out of view (it then draws
// nothing; training pauses unless the page asked for `background`), a resize or zoom. Inside an
// <iframe> the app starts only once the frame is near the viewport. A lost WebGL context (too many
// playgrounds on a page, a GPU reset) shows a one-click "Resume" that reloads the frame with its
// link state and the net's weights. Events go to the host page only when its origin may hear them.
//   carry.setBackground(on)  train on while out of sight (as the link key background=1 does)
// The page's parallel DOM (reader.js, issue 18) hears the events 'reader' (what it mirrors, on a
// change) and 'edit-number' ('a' | 'b': a number field of the canvas was clicked or activated).
//   carry.stats()            {framesDrawn, visible}
//
// Lessons and links (issue 16): a hash changed after load (hashchange) goes to the app, which applies
// it live; the app's 'fetch-lesson' event asks for a lesson file on this page's own origin (its
// text, or why not, goes back through carry_lesson_text); 'open-url' opens a lesson's outside link.
//
// Index: [SECTION] constants · overlay · events · public API · checks · Module · wasm loading ·
//        start-up · lost context · focus · appearance · visibility
(function () {
  'use strict';

  // [SECTION] constants ------------------------------------------------------------------------
  const APP_SCRIPT = 'carry.js';
  const APP_WASM = 'carry.wasm';
  const SLOW_NOTE_MS = 20000; // after this, a note that loading takes long (it keeps waiting)

  const $ = (id) => document.getElementById(id);
  const canvas = $('canvas');
  const overlay = $('overlay');
  const progress = $('progress');
  const progressBar = progress.querySelector('.progress-bar');
  const statusText = $('status');
  const noteText = $('note');

  // [SECTION] overlay --------------------------------------------------------------------------
  // progress: a number in [0, 1], or null for "busy, no measurable progress".
  let lastStatus = { text: null, progress: null };
  function showStatus(text, progressValue) {
    const p0 = lastStatus.progress;
    const same = text === lastStatus.text && (progressValue == null ? p0 == null
      : p0 != null && Math.abs(progressValue - p0) < 0.01);
    if (same) return; // a download reports every chunk; update at most every 1 %
    lastStatus = { text: text, progress: progressValue == null ? null : progressValue };
    statusText.textContent = text;
    if (progressValue == null) {
      progress.classList.add('indeterminate');
      progress.removeAttribute('aria-valuenow');
    } else {
      const p = Math.max(0, Math.min(1, progressValue));
      progress.classList.remove('indeterminate');
      progressBar.style.transform = 'scaleX(' + p + ')';
      progress.setAttribute('aria-valuenow', String(Math.round(p * 100)));
    }
    emit('status', { text: text, progress: progressValue == null ? null : progressValue });
  }

  function showError(title, message, details) {
    $('error-title').textContent = title;
    $('error-message').textContent = message;
    const pre = $('error-details');
    pre.textContent = details || '';
    pre.hidden = !details;
    overlay.classList.toggle('over-app', started);
    overlay.dataset.state = 'error';
    // Inside an iframe, leave the focus where the host page has it.
    if (window.top === window.self) $('reload').focus({ preventScroll: true });
  }

  function hideOverlay() {
    overlay.dataset.state = 'hidden';
  }

  $('reload').addEventListener('click', () => location.reload());

  // [SECTION] events ---------------------------------------------------------------------------
  const listeners = new Map(); // name -> Set of functions

  function emit(name, detail) {
    const set = listeners.get(name);
    if (!set) return;
    for (const fn of Array.from(set)) {
      try { fn(detail); } catch (e) { setTimeout(() => { throw e; }); } // report, keep going
    }
  }

  // [SECTION] public API -----------------------------------------------------------------------
  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {}); // failures are shown on the page; no "unhandled rejection" noise

  let runtimeInitialized = false;
  let started = false; // first frame drawn

  function callString(name) {
    if (!runtimeInitialized) return null;
    return Module.ccall(name, 'string', [], []);
  }

  const carry = {
    ready: ready,
    state: 'loading',
    canvas: canvas,
    version() { return callString('carry_version'); },
    buildInfo() { return callString('carry_build_info'); },
    on(name, fn) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(fn);
      return () => carry.off(name, fn);
    },
    off(name, fn) {
      const set = listeners.get(name);
      if (set) set.delete(fn);
    },
  };
  Object.defineProperty(window, 'carry', { value: carry, enumerable: true });

  // Every failure goes through here once: overlay, promise, event.
  function fail(title, message, details) {
    if (carry.state === 'failed') return;
    const wasRunning = started;
    carry.state = 'failed';
    clearTimeout(slowTimer);
    showError(title, message, details);
    const err = new Error(message + (details ? ' (' + details + ')' : ''));
    if (!wasRunning) rejectReady(err);
    emit('error', { message: err.message });
  }

  // [SECTION] checks ---------------------------------------------------------------------------
  function hasWebGL2() {
    try {
      const probe = document.createElement('canvas');
      return !!(window.WebGL2RenderingContext && probe.getContext('webgl2'));
    } catch (e) {
      return false;
    }
  }

  // [SECTION] Module ---------------------------------------------------------------------------
  // Emscripten's carry.js picks up this global object and calls the hooks below.
  const Module = {
    canvas: canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    setStatus: onEmscriptenStatus,
    monitorRunDependencies: onRunDependencies,
    instantiateWasm: instantiateWasm,
    onRuntimeInitialized: () => {
      runtimeInitialized = true;
      tellPreferences(); // before main() draws its first frame: no dark flash in a light page
      // The test hook changes the app's state directly: let it draw (it draws only on changes).
      // (carry.js replaces its exports with the raw ones on first call: keep the wrapper in front.)
      let hook = Module._carry_inside_test;
      if (hook) {
        const wrapper = (...a) => { const r = hook(...a); Module._carry_wake(); return r; };
        Object.defineProperty(Module, '_carry_inside_test', { configurable: true, get: () => wrapper, set: (f) => { hook = f; } });
      }
    },
    onAbort: (what) => {
      const details = what == null ? '' : String(what);
      if (started) {
        fail('Carry stopped', 'The program stopped unexpectedly. Reloading the page starts it again.', details);
      } else {
        fail('Carry could not start', 'The WebAssembly program stopped while starting.', details);
      }
    },
    carryFirstFrame: onFirstFrame,
    carryMessage: onAppMessage,
    carryTheme: (theme) => { document.documentElement.dataset.theme = theme; },
    arguments: startArguments(),
  };
  window.Module = Module;

  // Emscripten reports e.g. "Downloading data... (12/34)" (preloaded files), "Running...", "".
  function onEmscriptenStatus(text) {
    if (started || carry.state !== 'loading' || !text) return;
    const m = text.match(/([^(]+)\((\d+(?:\.\d+)?)\/(\d+)\)/);
    if (m) showStatus(m[1].trim(), Number(m[2]) / Number(m[3]));
    else if (/^Running/.test(text)) showStatus('Starting…', null);
    else showStatus(text, null);
  }

  let maxDependencies = 0;
  function onRunDependencies(left) {
    maxDependencies = Math.max(maxDependencies, left);
    // The wasm download reports its own progress; only show counts for extra dependencies.
    if (!wasmLoading && left > 0 && maxDependencies > 1 && carry.state === 'loading') {
      showStatus('Preparing… (' + (maxDependencies - left) + '/' + maxDependencies + ')',
                 (maxDependencies - left) / maxDependencies);
    }
  }

  // [SECTION] wasm loading ---------------------------------------------------------------------
  // Emscripten would fetch and compile carry.wasm silently; doing it here gives the overlay real
  // download progress, then a "compiling" phase. Compilation still streams when it can.
  let wasmLoading = false;

  function formatMB(bytes) {
    return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
  }

  function instantiateWasm(imports, receiveInstance) {
    wasmLoading = true;
    loadWasm(imports).then((result) => {
      wasmLoading = false;
      if (carry.state !== 'loading') return;
      showStatus('Starting…', null);
      receiveInstance(result.instance, result.module);
    }, (e) => {
      wasmLoading = false;
      fail('Carry could not start', 'The WebAssembly program (' + APP_WASM + ') could not be loaded.',
           String(e && e.message ? e.message : e));
    });
    return {}; // exports arrive asynchronously through receiveInstance
  }

  async function loadWasm(imports) {
    showStatus('Downloading…', 0);
    const response = await fetch(APP_WASM, { credentials: 'same-origin' });
    if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + APP_WASM);
    const encoded = response.headers.get('Content-Encoding');
    const total = encoded ? 0 : Number(response.headers.get('Content-Length')) || 0;
    let received = 0;
    let body = response;
    if (response.body && typeof TransformStream === 'function') {
      const counter = new TransformStream({
        transform(chunk, controller) {
          received += chunk.byteLength;
          if (total) {
            if (received >= total) showStatus('Compiling…', null);
            else showStatus('Downloading… ' + formatMB(received) + ' of ' + formatMB(total) + ' MB', received / total);
          } else {
            showStatus('Downloading… ' + formatMB(received) + ' MB', null);
          }
          controller.enqueue(chunk);
        },
      });
      body = new Response(response.body.pipeThrough(counter), { headers: response.headers });
    }
    const isWasmMime = (response.headers.get('Content-Type') || '').split(';')[0].trim() === 'application/wasm';
    if (WebAssembly.instantiateStreaming && isWasmMime) {
      const result = await WebAssembly.instantiateStreaming(body, imports);
      return result;
    }
    // Static hosts that serve .wasm with another MIME type: compile from bytes instead.
    const bytes = await body.arrayBuffer();
    showStatus('Compiling…', null);
    return WebAssembly.instantiate(bytes, imports);
  }

  // [SECTION] start-up -------------------------------------------------------------------------
  let slowTimer = 0;

  function onFirstFrame() {
    if (started || carry.state !== 'loading') return;
    started = true;
    carry.state = 'running';
    clearTimeout(slowTimer);
    hideOverlay();
    // At top level, keyboard input goes to the app right away; inside an iframe the host page
    // keeps its focus until the user clicks the canvas.
    if (window.top === window.self) canvas.focus({ preventScroll: true });
    resolveReady(carry);
    emit('ready');
    postToHost({ carry: 'event', name: 'ready', detail: { version: carry.version() } });
    restoreKeptModel();
    tellVisibility();
  }

  function start() {
    if (location.protocol === 'file:') {
      fail('Carry needs a web server',
           'Browsers do not run WebAssembly from a file opened on disk. Serve this folder, for example with ' +
           '"python3 serve.py" in the Carry repository, then open the address it prints.');
      return;
    }
    if (typeof WebAssembly !== 'object') {
      fail('WebAssembly is not available',
           'This browser cannot run WebAssembly. Please use a current version of Firefox, Chrome, Edge or Safari.');
      return;
    }
    if (!hasWebGL2()) {
      fail('WebGL 2 is not available',
           'Carry draws with WebGL 2, which this browser or device does not provide right now. ' +
           'Check that hardware acceleration is enabled in the browser settings, or try a current ' +
           'version of Firefox, Chrome, Edge or Safari.');
      return;
    }
    // Errors thrown by the app's script while it starts (before onAbort can report them).
    window.addEventListener('error', (e) => {
      if (carry.state === 'loading' && e.filename && /carry\.js/.test(e.filename)) {
        fail('Carry could not start', 'The program failed while starting.', e.message);
      }
    });
    slowTimer = setTimeout(() => {
      noteText.textContent = 'This is taking longer than usual. On a slow connection or machine it may ' +
                             'need a little more time; if nothing changes, reload the page.';
      noteText.hidden = false;
    }, SLOW_NOTE_MS);

    showStatus('Loading…', null);
    const script = document.createElement('script');
    script.src = APP_SCRIPT;
    script.async = true;
    script.addEventListener('error', () => {
      fail('Carry could not start', 'The program (' + APP_SCRIPT + ') could not be downloaded. ' +
           'Check your connection and reload the page.');
    });
    document.body.appendChild(script);
  }

  // [SECTION] lost context ---------------------------------------------------------------------
  // The GPU was reset, or the browser reclaimed the context (it keeps a limited number alive: a
  // page with many playgrounds loses the oldest). The app keeps GL objects it cannot rebuild, so
  // the way back is a reload of this frame; the link state is in the URL hash already and the
  // net's weights are kept in sessionStorage until the reloaded app loads them back.
  const RESUME_PREFIX = 'carry.resume:';
  let resumeModel = null; // the model's JSON text, saved when the context was lost

  function resumeKey() {
    if (!window.name) window.name = 'carry-' + Math.random().toString(36).slice(2); // survives a reload
    return RESUME_PREFIX + window.name + ':' + location.pathname + location.search;
  }

  function sessionStore() {
    try { return window.sessionStorage; } catch (e) { return null; } // sandboxed frames throw
  }

  function resume() {
    try { if (resumeModel && sessionStore()) sessionStore().setItem(resumeKey(), resumeModel); } catch (e) { /* full */ }
    location.reload();
  }
  $('resume').addEventListener('click', resume);

  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault(); // allows the browser to restore the context
    if (carry.state === 'failed') return;
    carry.state = 'context-lost';
    clearTimeout(slowTimer);
    if (started) {
      // The program still runs (GL calls on a lost context do nothing): keep its weights.
      callApp('saveModel', []).then((text) => { resumeModel = text; }, () => { resumeModel = null; });
      Module._carry_set_visible(0);
      overlay.dataset.state = 'lost';
    } else {
      overlay.dataset.state = 'lost'; // not started yet: resuming simply starts again
      rejectReady(new Error('WebGL context lost while starting'));
    }
    emit('contextlost');
  }, false);
  canvas.addEventListener('webglcontextrestored', resume, false);

  // A model kept by resume() before the reload goes back into the app once it is ready.
  function restoreKeptModel() {
    const store = sessionStore();
    let text = null;
    try { text = window.name && store ? store.getItem(resumeKey()) : null; } catch (e) { text = null; }
    if (!text) return;
    try { store.removeItem(resumeKey()); } catch (e) { /* ignore */ }
    callApp('loadModel', [text]).catch((e) => console.info('Carry: the kept model was refused: ' + e.message));
  }

  // [SECTION] focus ----------------------------------------------------------------------------
  // Keyboard input goes to the app only while the canvas has focus (the app's SDL hint binds the
  // keyboard to #canvas), so text fields of a page embedding Carry keep working.
  canvas.addEventListener('pointerdown', () => {
    if (document.activeElement !== canvas) canvas.focus({ preventScroll: true });
  });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  // [SECTION] link state, session, API ---------------------------------------------------------
  const SESSION_KEY = 'carry.session'; // also read by startArguments(), which runs earlier
  const MAX_REQUEST_CHARS = 1 << 20;
  let allowedOrigins = [];   // from the link's `allow` setting, validated by the app
  let embedMode = false;
  let nextId = 1;
  const pending = new Map(); // id -> {resolve, reject}

  function storage() {
    try { return window.localStorage; } catch (e) { return null; } // sandboxed frames throw
  }

  // The app reads the page's URL and the saved session as command-line arguments.
  function startArguments() {
    const args = ['--page', location.origin + location.pathname];
    if (location.search.length > 1) args.push('--link', location.search);
    if (location.hash.length > 1) args.push('--link', location.hash);
    let saved = null;
    try { saved = storage() && storage().getItem('carry.session'); } catch (e) { saved = null; }
    if (saved) args.push('--session', saved.slice(0, 200000));
    return args;
  }

  function callApp(method, args) {
    const id = nextId++;
    let text;
    try {
      text = JSON.stringify({ id: id, method: method, args: args });
    } catch (e) {
      return Promise.reject(new Error(method + ': arguments cannot be sent (' + e.message + ')'));
    }
    if (text === undefined || text.length > MAX_REQUEST_CHARS) {
      return Promise.reject(new Error(method + ': arguments too large'));
    }
    const n = Module.lengthBytesUTF8(text) + 1;
    const ptr = Module._malloc(n);
    let reply;
    try {
      Module.stringToUTF8(text, ptr, n);
      reply = JSON.parse(Module.UTF8ToString(Module._carry_api(ptr)));
    } finally {
      Module._free(ptr);
    }
    if (reply.pending) return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    return reply.ok ? Promise.resolve(reply.result) : Promise.reject(apiError(reply));
  }

  function apiError(reply) {
    const err = new Error(reply.error || 'refused');
    if (reply.result) err.result = reply.result;
    return err;
  }

  function api(method, args) {
    if (carry.state === 'failed') return Promise.reject(new Error('Carry is not running'));
    return ready.then(() => callApp(method, args));
  }

  Object.assign(carry, {
    getState() { return api('getState', []); },
    setState(partial) { return api('setState', [partial]); },
    setNumbers(a, b) { return api('setNumbers', [a, b]); },
    step() { return api('step', []); },
    play() { return api('play', []); },
    pause() { return api('pause', []); },
    reset() { return api('reset', []); },
    train(n) { return api('train', [n]); },
    saveModel() { return api('saveModel', []); },
    loadModel(model) { return api('loadModel', [model]); },
    // Issue 15: train on while the tab is hidden or the frame out of view (in time slices, nothing drawn).
    // The same as the link key background=1 (a setting: it follows the URL hash).
    setBackground(on) { return api('setState', [{ background: !!on }]).then(() => !!on); },
    stats() {
      return { framesDrawn: runtimeInitialized ? Module._carry_frames_drawn() : 0, visible: isVisible() };
    },
  });

  // Messages from the app: replies to pending calls, and events.
  function onAppMessage(text) {
    let m;
    try { m = JSON.parse(text); } catch (e) { return; }
    if (m.id !== undefined && !m.event) {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result); else p.reject(apiError(m));
      return;
    }
    const detail = m.detail;
    switch (m.event) {
      case 'state': onState(detail); break;
      case 'reader': case 'edit-number': emit(m.event, detail); break; // reader.js, the parallel DOM
      case 'log': console.info(String(detail)); break;
      case 'copy': copyText(String(detail)); break;
      case 'download': downloadText(String(detail && detail.name), String(detail && detail.text)); break;
      case 'pick-model': pickModel(); break;
      case 'fetch-lesson': fetchLesson(String(detail)); break;
      case 'open-url': openUrl(String(detail)); break;
      case 'session-discarded':
        console.info('Carry: the saved session was discarded: ' + detail);
        try { storage() && storage().removeItem(SESSION_KEY); } catch (e) { /* ignore */ }
        break;
      case 'solved':
      case 'error':
        setTimeout(() => {
          emit(m.event, detail);
          postToHost({ carry: 'event', name: m.event, detail: detail });
        }, 0);
        break;
    }
  }

  function onState(st) {
    allowedOrigins = Array.isArray(st.allow) ? st.allow : [];
    embedMode = !!st.embed;
    try { history.replaceState(history.state, '', '#' + st.hash); } catch (e) { /* sandboxed */ }
    if (st.session && !embedMode) {
      try { storage() && storage().setItem(SESSION_KEY, st.session); } catch (e) { /* full or blocked */ }
    }
    const link = document.getElementById('full-link');
    if (embedMode) {
      const a = link || createFullLink();
      a.href = location.origin + location.pathname + '#' + st.fullHash;
    } else if (link) {
      link.remove();
      document.documentElement.classList.remove('has-full-link');
    }
    emit('state', { hash: st.hash, embed: embedMode });
  }

  function createFullLink() {
    const a = document.createElement('a');
    a.id = 'full-link';
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = 'Open the full playground ↗';
    a.title = 'Open this experiment in the full Carry playground, in a new tab';
    document.body.appendChild(a);
    // The link gets a strip of its own below the canvas: over the canvas it covered the step text.
    document.documentElement.classList.add('has-full-link');
    return a;
  }

  // Model menu: "Download model" saves the app's JSON text through a Blob and an <a download>.
  function downloadText(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name || 'carry-model.json';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // "Load model…": a hidden file picker; the file's text goes through loadModel, which validates it
  // (a refused file: the app shows the reason and keeps its net).
  function pickModel() {
    let input = document.getElementById('model-file');
    if (!input) {
      input = document.createElement('input');
      input.type = 'file';
      input.id = 'model-file';
      input.accept = '.json,application/json';
      input.style.display = 'none';
      input.addEventListener('change', () => {
        const file = input.files && input.files[0];
        input.value = '';
        if (!file) return;
        if (file.size > MAX_REQUEST_CHARS) {
          console.warn('Carry: ' + file.name + ' is too large to be a model file');
          callApp('loadModel', ['(file too large)']).catch(() => {});
          return;
        }
        file.text().then((text) => carry.loadModel(text)).then(
          () => console.info('Carry: loaded the model ' + file.name),
          (e) => console.info('Carry: the model ' + file.name + ' was refused: ' + e.message));
      });
      document.body.appendChild(input);
    }
    input.click();
  }

  // C strings for the app's exported functions, in the heap (a lesson may be larger than the stack).
  function withCStrings(texts, fn) {
    const ptrs = texts.map((t) => {
      const n = Module.lengthBytesUTF8(t) + 1;
      const p = Module._malloc(n);
      Module.stringToUTF8(t, p, n);
      return p;
    });
    try { fn(...ptrs); } finally { ptrs.forEach((p) => Module._free(p)); }
  }

  // Issue 16: a lesson file named by the link (lesson=lessons/mine.md), fetched from this page's own
  // origin (the app accepts only relative paths without '..' or a scheme) and handed to the app,
  // which parses it and shows its errors with line numbers.
  const MAX_LESSON_CHARS = 256 * 1024;
  function fetchLesson(path) {
    const give = (text, error) => withCStrings([path, text, error], (p, t, e) => Module._carry_lesson_text(p, t, e));
    let url;
    try { url = new URL(path, location.href); } catch (e) { give('', 'not a path'); return; }
    if (url.origin !== location.origin) { give('', 'not on this site'); return; }
    fetch(url.href, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error('HTTP ' + r.status))))
      .then((text) => (text.length > MAX_LESSON_CHARS ? give('', 'the file is larger than 256 KiB') : give(text, '')),
        (e) => give('', e.message || 'could not fetch it'));
  }

  // A lesson's link to another site opens in a new tab (only http and https).
  function openUrl(url) {
    try {
      const u = new URL(url, location.href);
      if (u.protocol === 'https:' || u.protocol === 'http:') window.open(u.href, '_blank', 'noopener');
    } catch (e) { /* not a URL: ignored */ }
  }

  // A hash changed after load (a link followed inside the page, the address bar edited, Back):
  // applied live. The app's own updates use replaceState, which fires no hashchange.
  addEventListener('hashchange', () => {
    if (!runtimeInitialized || location.hash.length <= 1) return;
    withCStrings([location.hash], (p) => Module._carry_hash_changed(p));
  });

  // Clipboard from the Share dialog; when the browser refuses, a text field to copy by hand.
  function copyText(text) {
    const fallback = () => {
      let box = document.getElementById('copy-fallback');
      if (!box) {
        box = document.createElement('div');
        box.id = 'copy-fallback';
        box.innerHTML = '<p>Copy this text (Ctrl+C / ⌘C):</p><textarea readonly rows="4"></textarea>' +
                        '<button type="button">Close</button>';
        box.querySelector('button').addEventListener('click', () => { box.hidden = true; canvas.focus(); });
        document.body.appendChild(box);
      }
      box.hidden = false;
      const area = box.querySelector('textarea');
      area.value = text;
      area.focus();
      area.select();
    };
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(fallback);
      } else {
        fallback();
      }
    } catch (e) {
      fallback();
    }
  }

  // [SECTION] postMessage ----------------------------------------------------------------------
  function originAllowed(origin) {
    return origin === location.origin || allowedOrigins.indexOf(origin) >= 0;
  }

  // The host page's origin: learned from a message it sent (the handshake), else from the browser
  // (location.ancestorOrigins, a same-origin parent, document.referrer). Null when unknown.
  let hostOriginSeen = null;
  function hostOrigin() {
    if (hostOriginSeen) return hostOriginSeen;
    try { if (location.ancestorOrigins && location.ancestorOrigins.length) return location.ancestorOrigins[0]; } catch (e) { /* ignore */ }
    try { return window.parent.location.origin; } catch (e) { /* cross-origin parent */ }
    try { if (document.referrer) return new URL(document.referrer).origin; } catch (e) { /* ignore */ }
    return null;
  }

  // Events go to the page around the frame only when its origin may hear them (this page's own
  // origin or one of the link's allow= origins). Posting to another origin would make the browser
  // log an error on the host page, so such events are simply not sent.
  function postToHost(message) {
    if (window.parent === window) return;
    const host = hostOrigin();
    if (!host || !originAllowed(host)) return;
    try { window.parent.postMessage(message, host); } catch (e) { /* ignore */ }
  }

  window.addEventListener('message', (event) => {
    const d = event.data;
    if (!d || typeof d !== 'object' || d.carry !== 'call') return;
    if (!originAllowed(event.origin)) {
      console.info('Carry: ignored a message from ' + String(event.origin).slice(0, 100) +
                   ' (not allowed; the link\'s allow= setting lists the origins that may script this page)');
      return;
    }
    const source = event.source;
    if (source === window.parent && window.parent !== window) hostOriginSeen = event.origin;
    const reply = (body) => {
      try { if (source) source.postMessage(Object.assign({ carry: 'reply', id: hostId }, body), event.origin); }
      catch (e) { /* the host went away */ }
    };
    const hostId = (typeof d.id === 'number' || typeof d.id === 'string') ? d.id : null;
    const method = typeof d.method === 'string' ? d.method : '';
    const args = Array.isArray(d.args) ? d.args : (d.args === undefined ? [] : d.args);
    api(method, args).then((result) => reply({ ok: true, result: result }),
                           (err) => reply({ ok: false, error: String(err && err.message || err) }));
  });

  // [SECTION] appearance -----------------------------------------------------------------------
  // Issue 18. The page follows the theme in effect: the link's `theme` before the app runs, then
  // what the app reports (Module.carryTheme sets <html data-theme>; style.css has both palettes).
  // The reader's prefers-color-scheme and prefers-reduced-motion go to the app, whose `auto`
  // settings follow them, now and whenever they change.
  const schemeQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: light)') : null;
  const motionQuery = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
  function tellPreferences() {
    if (!runtimeInitialized || !Module._carry_set_preferences) return;
    Module._carry_set_preferences(schemeQuery && schemeQuery.matches ? 1 : 0, motionQuery && motionQuery.matches ? 1 : 0);
  }
  if (schemeQuery) schemeQuery.addEventListener('change', tellPreferences);
  if (motionQuery) motionQuery.addEventListener('change', tellPreferences);
  (function linkTheme() {
    const params = new URLSearchParams(location.search.slice(1) + '&' + location.hash.slice(1));
    const theme = params.get('theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  })();

  // [SECTION] visibility -----------------------------------------------------------------------
  // Nothing is drawn while the tab is hidden or the canvas out of the viewport (for an <iframe>
  // the observer's implicit root is the top-level viewport, across origins); resizes and zoom
  // (devicePixelRatio) wake the app, which otherwise draws only when something changes.
  let inView = true;
  function isVisible() { return document.visibilityState !== 'hidden' && inView; }
  function tellVisibility() {
    if (started && runtimeInitialized && carry.state === 'running') Module._carry_set_visible(isVisible() ? 1 : 0);
  }
  function wake() {
    if (started && runtimeInitialized && carry.state === 'running') Module._carry_wake();
  }
  document.addEventListener('visibilitychange', tellVisibility);
  window.addEventListener('resize', wake);
  if (typeof ResizeObserver === 'function') new ResizeObserver(wake).observe(canvas);
  (function watchDpr() {
    if (!window.matchMedia) return;
    const q = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
    const onChange = () => { q.removeEventListener('change', onChange); wake(); watchDpr(); };
    q.addEventListener('change', onChange);
  })();
  if (typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      const e = entries[entries.length - 1];
      inView = e.isIntersecting;
      tellVisibility();
    }).observe(canvas);
  }

  // Inside an <iframe>, the app (its download, WebGL context and training state) starts only when
  // the frame comes near the viewport; a page with many playgrounds starts them as it is read.
  // (The margin applies where the host is same-origin; across origins the browser only reports the
  // viewport itself, so a host page may add loading="lazy" to its iframes to fetch them ahead.)
  if (window.top !== window.self && typeof IntersectionObserver === 'function') {
    showStatus('Starts when scrolled into view', null);
    let begun = false;
    const near = new IntersectionObserver((entries) => {
      if (begun || !entries.some((e) => e.isIntersecting)) return;
      begun = true;
      near.disconnect();
      start();
    }, { rootMargin: '100% 0px' });
    near.observe(canvas);
  } else {
    start();
  }
})();
