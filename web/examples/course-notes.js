// course-notes.js: the one section of course-notes.html that scripts its frame through the
// postMessage API (README "Embedding"): the button trains the first frame. Every other frame shows
// its view by its link alone; this file only notes when each is ready (window.notesReady, tests).
'use strict';
(() => {
  const frames = Array.from(document.querySelectorAll('iframe')).map((f) => f.id);
  const win = (name) => document.getElementById(name).contentWindow;
  const pending = new Map(); // id -> {resolve, reject}
  let nextId = 1;
  window.notesReady = {};     // frame name -> true once its ready event came (read by the test)

  function call(name, method, ...args) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      win(name).postMessage({ carry: 'call', id: id, method: method, args: args }, '*');
    });
  }
  window.notesCall = call;

  function onReady(name) {
    window.notesReady[name] = true;
    if (name === 'untrained') {
      const button = document.getElementById('train-untrained');
      button.disabled = false;
      document.getElementById('result').textContent = 'Ready.';
    }
  }

  window.addEventListener('message', (e) => {
    const d = e.data;
    if (!d || typeof d !== 'object' || !d.carry) return;
    if (d.carry === 'reply') {
      const p = pending.get(d.id);
      if (!p) return;
      pending.delete(d.id);
      if (d.ok) p.resolve(d.result); else p.reject(new Error(d.error || 'refused'));
      return;
    }
    if (d.carry === 'event' && d.name === 'ready') {
      const name = frames.find((n) => win(n) === e.source);
      if (name) onReady(name);
    }
  });

  document.getElementById('train-untrained').addEventListener('click', () => {
    const button = document.getElementById('train-untrained');
    const result = document.getElementById('result');
    button.disabled = true;
    result.className = 'result';
    result.textContent = 'Training 2000 sums…';
    call('untrained', 'train', 2000).then((m) => {
      const exact = m.exact64 !== undefined ? ' · 64-bit sums exact: ' + fmt(m.exact64) : '';
      result.className = 'result ' + (m.solved ? 'ok' : '');
      result.textContent = 'Trained on ' + m.sequences + ' sums' + (m.loss !== undefined ? ' · loss ' + fmt(m.loss) : '') +
        exact + (m.solved ? ' · it adds!' : ' · not there yet: press again.');
    }, (err) => {
      result.className = 'result bad';
      result.textContent = 'Refused: ' + err.message;
    }).finally(() => { button.disabled = false; });
  });

  function fmt(x) {
    return typeof x === 'number' ? (Math.abs(x) < 1 && x !== 0 ? x.toFixed(3) : String(Math.round(x * 1000) / 1000)) : String(x);
  }
})();
