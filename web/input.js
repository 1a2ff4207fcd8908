// input.js: the page's half of src/platform/web_input.h, and touch over an embedded frame.
//
//   - Paste. SDL's key handler cancels Ctrl/Cmd+V on the canvas, and with it the browser's paste
//     event: this keeps that shortcut from SDL, takes the pasted text from the paste event and hands
//     it to the app (carry_paste), whose focused field pastes it as ImGui's Ctrl+V does.
//   - Copy. The app's copies (Ctrl+C in a field, "Copy the sum", "Copy model as JSON") go to the
//     system clipboard through navigator.clipboard (Module.carryCopy).
//   - Touch in a frame. Inside an <iframe>, a vertical swipe over the playground scrolls the page
//     around it (touch-action: pan-y, and SDL stops cancelling touchstart: web_input.cpp), except
//     one that starts on a 3D view, which the app needs to orbit.
(function () {
  'use strict';
  const canvas = document.getElementById('canvas');
  if (!canvas || typeof Module === 'undefined') return;
  const isPasteKey = (e) => (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'v' || e.key === 'V');

  window.addEventListener('keydown', (e) => {
    if (e.target === canvas && isPasteKey(e)) e.stopImmediatePropagation();  // the browser fires `paste`
  }, true);
  document.addEventListener('paste', (e) => {
    if (document.activeElement !== canvas || !Module.ccall) return;
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    e.preventDefault();
    if (text) Module.ccall('carry_paste', null, ['string'], [text]);
  });

  Module.carryCopy = (text) => {
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(() => {});
    } catch (e) { /* the copy stays inside the app: pasting there still works */ }
  };

  let inFrame = false;
  try { inFrame = window.top !== window.self; } catch (e) { inFrame = true; }
  if (!inFrame) return;
  document.documentElement.classList.add('in-frame');  // style.css: touch-action: pan-y
  if (window.carry && window.carry.ready) {
    window.carry.ready.then(() => { if (Module._carry_touch_scrolls_page) Module._carry_touch_scrolls_page(); },
                            () => {});
  }
  // A touch on a 3D view keeps its drag: cancelling its touchstart stops the browser's scrolling.
  canvas.addEventListener('touchstart', (e) => {
    if (e.touches.length !== 1 || !Module._carry_needs_drag) return;
    const r = canvas.getBoundingClientRect();
    const t = e.touches[0];
    if (Module._carry_needs_drag(t.clientX - r.left, t.clientY - r.top)) e.preventDefault();
  }, { capture: true, passive: false });
  // The browser took the touch for scrolling: what the finger started on must not be pressed.
  canvas.addEventListener('touchcancel', () => {
    if (Module._carry_touch_cancelled) Module._carry_touch_cancelled();
  }, true);
})();
