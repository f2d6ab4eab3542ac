// kbsleuth pages: keyboard focus, type-ahead, copy for ticket, file drop. No inline script (the CSP forbids it).
(function () {
  'use strict';
  var box = document.getElementById('q');
  document.addEventListener('keydown', function (e) {
    var tag = (e.target && e.target.tagName) || '';
    if (e.key === '/' && box && tag !== 'INPUT' && tag !== 'TEXTAREA') { e.preventDefault(); box.focus(); box.select(); }
  });

  // Type-ahead from /api/suggest (OpenSearch suggestions JSON).
  var list = document.getElementById('suggestions');
  var timer;
  if (box && list) box.addEventListener('input', function () {
    clearTimeout(timer);
    var q = box.value;
    if (q.trim().length < 3) return;
    timer = setTimeout(function () {
      fetch('/api/suggest?q=' + encodeURIComponent(q)).then(function (r) { return r.ok ? r.json() : null; }).then(function (s) {
        if (!s || box.value !== q) return;
        list.textContent = '';
        s[1].forEach(function (text) { var o = document.createElement('option'); o.value = text.split(' ')[0]; o.label = text; list.appendChild(o); });
      }).catch(function () {});
    }, 150);
  });

  // Copy for ticket / Copy link. The clipboard API exists only on https and localhost; on a plain-HTTP intranet
  // host the text is put in a selected box for Ctrl+C instead. The message beside the buttons says what
  // really happened, in a live region that exists before it is filled, so screen readers announce it.
  function statusFor(btn) {
    var holder = btn.closest('.actions, .row') || btn.parentNode;
    var status = holder.querySelector('.copy-status');
    if (!status) {
      status = document.createElement('span');
      status.className = 'copy-status';
      status.setAttribute('role', 'status');
      holder.appendChild(status);
    }
    return status;
  }
  document.querySelectorAll('button.copy-ticket, button.copy-link').forEach(statusFor);

  function say(btn, text, kind) {
    var status = statusFor(btn);
    status.textContent = text;
    status.className = 'copy-status ' + kind;
  }

  // Selects the text in a box under the buttons and asks the browser to copy the selection.
  function copyBySelection(btn, text) {
    var holder = btn.closest('.actions, .row') || btn.parentNode;
    var box = holder.parentNode.querySelector('textarea.copy-fallback');
    if (!box) {
      box = document.createElement('textarea');
      box.className = 'copy-fallback';
      box.readOnly = true;
      box.rows = 6;
      box.setAttribute('aria-label', 'Text to copy');
      holder.insertAdjacentElement('afterend', box);
    }
    box.value = text;
    box.focus();
    box.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (err) { ok = false; }
    if (ok) say(btn, 'Copied to the clipboard.', 'ok');
    else say(btn, 'This browser did not let the page copy: the text is selected in the box below, press Ctrl+C (⌘C on a Mac).', 'manual');
  }

  function copy(btn, text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { say(btn, 'Copied to the clipboard.', 'ok'); }, function () { copyBySelection(btn, text); });
    }
    copyBySelection(btn, text);
  }
  document.addEventListener('click', function (e) {
    var btn = e.target.closest && e.target.closest('button.copy-ticket, button.copy-link');
    if (!btn) return;
    if (btn.classList.contains('copy-link')) return copy(btn, btn.getAttribute('data-url'));
    say(btn, 'Fetching the text…', 'busy');
    fetch(btn.getAttribute('data-src')).then(function (r) {
      if (!r.ok) throw new Error('the server answered ' + r.status);
      return r.text();
    }).then(function (text) { return copy(btn, text); }, function (err) {
      say(btn, 'Nothing was copied: ' + (err && err.message ? err.message : 'the request failed') + '. Try again.', 'bad');
    });
  });

  // "Did this solve it?": answered in place through the JSON API, so the diagnosis stays on screen. Without
  // script the form posts and the server redirects back with a thank-you.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.classList || !form.classList.contains('feedback') || form.hasAttribute('data-plain') || !window.fetch || !e.submitter) return;
    e.preventDefault();
    var body = { target: form.elements.target.value, article: form.elements.article.value, helpful: e.submitter.value === 'yes' };
    if (form.elements.shared) body.shared = form.elements.shared.value;
    if (form.elements.comment.value.trim()) body.comment = form.elements.comment.value.trim();
    fetch('/api/feedback', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(function (r) {
      if (!r.ok) throw new Error('status ' + r.status);
      var p = document.createElement('p');
      p.className = 'thanks';
      p.setAttribute('role', 'status');
      p.textContent = 'Thank you: your answer on ' + body.article + ' was recorded.';
      form.replaceWith(p);
    }).catch(function () { form.setAttribute('data-plain', '1'); form.requestSubmit(e.submitter); });
  });

  // Drop a log file on the paste box.
  var form = document.querySelector('.paste-form');
  var area = document.getElementById('log');
  if (form && area) {
    ['dragenter', 'dragover'].forEach(function (t) { form.addEventListener(t, function (e) { e.preventDefault(); form.classList.add('dragging'); }); });
    ['dragleave', 'drop'].forEach(function (t) { form.addEventListener(t, function () { form.classList.remove('dragging'); }); });
    form.addEventListener('drop', function (e) {
      e.preventDefault();
      var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (!f) return;
      f.text().then(function (t) { area.value = t; });
    });
  }
})();
