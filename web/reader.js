// Carry's parallel DOM (issue 18 items 1-2, issue 17 item 1): real elements beside the canvas for
// screen readers, keyboards and phones. The canvas is pixels: it has no accessibility tree, raises
// no phone keyboard and takes no IME. So the page keeps, in #reader (index.html):
//   - the two numbers as labelled <input>s: their only editing path on the web (a click or tap on
//     a number field of the canvas focuses the matching input); what is typed goes to the app,
//     whose binary-digit rules and messages are shown back through aria-invalid / aria-describedby;
//   - the sum the net printed beside the true sum, the animation's step and the training status in
//     the app's own words (src/app/reader.cpp pushes them, at most 4x a second, only on a change);
//   - buttons for the main actions, through the canvas buttons' own commands;
//   - one polite live region, fed at a listener's pace (coalesced, never once per animation frame).
// Keyboard: Tab and Esc leave the canvas unless ImGui claims them (a text being edited, a menu).
// Visually the mirror stays out of the way: a group shows as a bar on top only while it has focus.
(function () {
  'use strict';

  const ANNOUNCE_QUIET_MS = 700;  // wait for typing or stepping to pause
  const ANNOUNCE_GAP_MS = 2500;   // and leave a listener this long between two announcements
  const MAX_NUMBER_CHARS = 8193;  // the app's buffer (kNumberBufferSize)

  const carry = window.carry;
  const $ = (id) => document.getElementById(id);
  const root = $('reader');
  const canvas = $('canvas');
  if (!carry || !root || !canvas) return;
  const inputs = { a: $('reader-a'), b: $('reader-b') };
  const notes = { a: $('reader-a-note'), b: $('reader-b-note') };
  const live = $('reader-live');
  const trainButton = root.querySelector('[data-command="train"]');

  let state = null;              // the app's last "reader" state
  const sent = { a: null, b: null };   // what each input last sent to the app
  const fromCanvas = { a: false, b: false }; // focused from the canvas: Enter / Esc go back there

  const running = () => carry.state === 'running' && !!window.Module;
  function call(name, types, args) {
    if (!running()) return 0;
    return window.Module.ccall(name, 'number', types, args);
  }

  // [SECTION] live region ----------------------------------------------------------------------
  const pending = new Map(); // topic -> words; a newer message on a topic replaces the older
  let timer = null, lastSpoken = 0;
  function announce(topic, words) {
    if (!words) return;
    pending.set(topic, words);
    clearTimeout(timer);
    const wait = Math.max(ANNOUNCE_QUIET_MS, lastSpoken + ANNOUNCE_GAP_MS - Date.now());
    timer = setTimeout(speak, wait);
  }
  function speak() {
    timer = null;
    const text = Array.from(pending.values()).join(' ');
    pending.clear();
    lastSpoken = Date.now();
    live.textContent = text;
  }

  // [SECTION] the app's state into the DOM -----------------------------------------------------
  const sumWords = (s) => (s.correct ? 'correct' : 'incorrect') + ': the net printed ' + s.answer +
    ', the true sum is ' + s.sum + '.';

  function setText(id, text) {
    const el = $(id);
    if (el.textContent !== text) el.textContent = text;
  }

  function showNumber(which, n, hidden) {
    const input = inputs[which];
    const typing = document.activeElement === input;
    const strip = (t) => (t == null ? t : t.replace(/[ \t]/g, ''));
    // While the reader types, only a change made elsewhere (Swap, Random, the API) or the app's
    // dropping of blanks replaces the text; an older echo of what was typed does not.
    if (input.value !== n.text && (!typing || n.text !== strip(sent[which]) || strip(input.value) === n.text)) {
      const caret = typing ? input.selectionStart - (input.value.length - n.text.length) : null;
      input.value = n.text;
      if (typing) input.setSelectionRange(Math.max(0, caret), Math.max(0, caret));
    }
    input.readOnly = hidden;
    if (n.error) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    setText(notes[which].id, n.error ? n.error : '= ' + n.decimal + ' in decimal');
  }

  function onState(s) {
    const old = state;
    state = s;
    root.hidden = false;
    showNumber('a', s.a, s.hide.a);
    showNumber('b', s.b, s.hide.b);
    setText('reader-sum', s.sum ? 'Sum of a and b, ' + sumWords(s) : '');
    setText('reader-step', s.step ? s.step + (s.atEnd ? '. ' + s.verdict : '') : '');
    setText('reader-status', (s.training ? 'Training. ' : 'Not training. ') + s.status);
    setText('reader-notice', s.notice);
    $('reader-notice').hidden = !s.notice;
    trainButton.textContent = s.training ? 'Pause training' : 'Train';
    for (const b of root.querySelectorAll('[data-command]')) {
      const c = b.dataset.command;
      b.hidden = ['example', 'random', 'swap'].includes(c) ? s.hide.numbers : s.hide[c];
    }
    if (!old) return; // the first state is what the page shows on arrival: nothing to announce
    for (const w of ['a', 'b']) {
      if (s[w].error && s[w].error !== old[w].error) announce('error-' + w, w + ': ' + s[w].error);
    }
    if (s.training !== old.training) announce('training', s.training ? 'Training started.' : 'Training paused. ' + s.status);
    if (s.notice && s.notice !== old.notice) announce('notice', s.notice);
    const sumChanged = s.sum !== old.sum || s.answer !== old.answer;
    // While training the net's answer changes all the time: only a flip of right / wrong is news.
    if (sumChanged && (!s.training || s.correct !== old.correct)) announce('sum', 'Sum ' + sumWords(s));
    // Steps the reader takes one by one are read out; a playing animation is not.
    if (s.step !== old.step && !s.playing && !sumChanged) announce('step', s.step + (s.atEnd ? '. ' + s.verdict : ''));
  }
  carry.on('reader', onState);

  // [SECTION] inputs: what is typed goes to the app --------------------------------------------
  function send(which) {
    const text = inputs[which].value.slice(0, MAX_NUMBER_CHARS);
    sent[which] = text;
    call('carry_reader_set_number', ['number', 'string'], [which === 'a' ? 0 : 1, text]);
  }
  for (const which of ['a', 'b']) {
    const input = inputs[which];
    input.maxLength = MAX_NUMBER_CHARS;
    // An IME's composition reaches the app when it is committed, not letter by letter.
    input.addEventListener('input', (e) => { if (!e.isComposing) send(which); });
    input.addEventListener('compositionend', () => send(which));
    input.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === 'Escape') && fromCanvas[which] && !e.isComposing) {
        e.preventDefault();
        canvas.focus({ preventScroll: true }); // back where the edit began (a phone closes its keyboard)
      }
    });
    input.addEventListener('blur', () => { fromCanvas[which] = false; });
  }

  function focusNumber(which) {
    const input = inputs[which];
    if (!input || input.readOnly || document.activeElement === input) return;
    fromCanvas[which] = document.activeElement === canvas;
    input.focus({ preventScroll: true });
    input.select();
  }
  // The app asks when its field was activated (a click, or Enter / Space from the keyboard).
  carry.on('edit-number', (which) => focusNumber(which === 'b' ? 'b' : 'a'));
  // A tap is answered at once, inside its own event: iOS raises its keyboard only then.
  canvas.addEventListener('pointerup', (e) => {
    if (!state) return;
    const r = canvas.getBoundingClientRect();
    const x = e.clientX - r.left, y = e.clientY - r.top;
    for (const which of ['a', 'b']) {
      const q = state.rects[which];
      if (q && x >= q[0] && x < q[2] && y >= q[1] && y < q[3] && !inputs[which].readOnly) {
        fromCanvas[which] = true;
        inputs[which].focus({ preventScroll: true });
      }
    }
  });

  // [SECTION] buttons: the canvas's own commands -----------------------------------------------
  root.addEventListener('click', (e) => {
    const b = e.target.closest && e.target.closest('[data-command]');
    if (b) call('carry_reader_command', ['string'], [b.dataset.command]);
  });

  // [SECTION] keyboard: never trapped in the canvas --------------------------------------------
  // The canvas's ring (reader.css) shows when a key, not a pointer, brought the focus there.
  let byKeyboard = false;
  window.addEventListener('keydown', () => { byKeyboard = true; }, true);
  window.addEventListener('pointerdown', () => { byKeyboard = false; }, true);
  canvas.addEventListener('focus', () => canvas.classList.toggle('keyboard-focus', byKeyboard));
  canvas.addEventListener('blur', () => canvas.classList.remove('keyboard-focus'));

  // SDL swallows Tab and Esc on the canvas. Before it sees them (capture on window): Tab moves on
  // through the page and Esc leaves, unless ImGui claims them (bit 0: a text is being edited, its
  // Tab and Esc; bit 1: a menu, popup or active control that Esc closes first).
  window.addEventListener('keydown', (e) => {
    if (e.target !== canvas || !running() || e.isComposing) return;
    const claims = window.Module._carry_keyboard_claims();
    if (e.key === 'Tab' && !(claims & 1)) {
      e.stopImmediatePropagation(); // the browser's own Tab: the next element of the page
    } else if (e.key === 'Escape' && !(claims & 2)) {
      e.stopImmediatePropagation();
      e.preventDefault();
      canvas.blur(); // Tab goes on from here; inside a frame, out to the page around it
    }
  }, true);
})();
