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

  // Copy for ticket: fetch the plain-text summary and put it on the clipboard.
  document.addEventListener('click', function (e) {
    var btn = e.target.closest && e.target.closest('button.copy-ticket');
    if (!btn) return;
    fetch(btn.getAttribute('data-src')).then(function (r) { return r.text(); }).then(function (text) {
      window.__lastCopied = text;
      var done = function () { btn.classList.add('copied'); setTimeout(function () { btn.classList.remove('copied'); }, 2500); };
      if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text).then(done, done);
      done();
    });
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
