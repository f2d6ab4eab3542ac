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

  // Copy for ticket: fetch the plain-text (or markdown) summary and put it on the clipboard. Copy link: the shared URL.
  function copy(btn, text) {
    window.__lastCopied = text;
    var done = function () { btn.classList.add('copied'); setTimeout(function () { btn.classList.remove('copied'); }, 2500); };
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text).then(done, done);
    done();
  }
  document.addEventListener('click', function (e) {
    var btn = e.target.closest && e.target.closest('button.copy-ticket, button.copy-link');
    if (!btn) return;
    if (btn.classList.contains('copy-link')) return copy(btn, btn.getAttribute('data-url'));
    fetch(btn.getAttribute('data-src')).then(function (r) { return r.text(); }).then(function (text) { copy(btn, text); });
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

  // A search a person ran that found nothing is reported as a knowledge gap, by POST from this page only:
  // the GET that rendered it records nothing, so no other site can fill the reports.
  var gap = document.querySelector('section.results[data-gap="1"]');
  if (gap && window.fetch) {
    var params = new URLSearchParams(location.search), body = { q: params.get('q') || '' };
    ['product', 'version', 'type', 'status', 'code'].forEach(function (k) { if (params.get(k)) body[k] = params.get(k); });
    fetch('/api/gaps', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), keepalive: true }).catch(function () {});
  }

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
