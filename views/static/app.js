// kbsleuth pages: keyboard focus, type-ahead, copy for ticket, the paste form. No inline script (the CSP forbids it).
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var box = document.getElementById('q');
  var resultLinks = function () {
    return Array.prototype.slice.call(document.querySelectorAll('li.hit h3 a'));
  };
  document.addEventListener('keydown', function (e) {
    var tag = (e.target && e.target.tagName) || '';
    if (e.key === '/' && box && tag !== 'INPUT' && tag !== 'TEXTAREA') {
      e.preventDefault();
      box.focus();
      box.select();
      return;
    }
    // Arrow keys walk the results, as docs search boxes do: down from the search box to the first, up from the first back.
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey && !e.ctrlKey && !e.metaKey) {
      var links = resultLinks();
      if (!links.length) return;
      var at = links.indexOf(document.activeElement);
      var fromBox = e.target === box && list && !list.options.length;
      if (at < 0 && !(fromBox && e.key === 'ArrowDown')) return;
      e.preventDefault();
      if (at < 0) links[0].focus();
      else if (e.key === 'ArrowDown') links[Math.min(at + 1, links.length - 1)].focus();
      else if (at === 0 && box) box.focus();
      else links[at - 1].focus();
    }
  });

  // Filters on a phone: behind a button above the results (the stylesheet hides them when html.js is narrow).
  var filtersButton = document.querySelector('.filters-button');
  var facets = document.getElementById('facets');
  if (filtersButton && facets) {
    filtersButton.hidden = false;
    filtersButton.addEventListener('click', function () {
      var open = filtersButton.getAttribute('aria-expanded') !== 'true';
      filtersButton.setAttribute('aria-expanded', String(open));
      facets.classList.toggle('open', open);
    });
  }

  // Type-ahead from /api/suggest (OpenSearch suggestions JSON).
  var list = document.getElementById('suggestions');
  var timer;
  if (box && list)
    box.addEventListener('input', function () {
      clearTimeout(timer);
      var q = box.value;
      if (q.trim().length < 3) return;
      timer = setTimeout(function () {
        fetch('/api/suggest?q=' + encodeURIComponent(q))
          .then(function (r) {
            return r.ok ? r.json() : null;
          })
          .then(function (s) {
            if (!s || box.value !== q) return;
            list.textContent = '';
            s[1].forEach(function (text, i) {
              var o = document.createElement('option');
              o.value = text.split(' ')[0];
              o.label = text;
              o.setAttribute('data-url', s[3][i]);
              list.appendChild(o);
            });
          })
          .catch(function () {});
      }, 150);
    });
  // Picking a suggestion opens its article (the box would otherwise hold only its Q number).
  if (box && list)
    box.addEventListener('input', function (e) {
      if (e.inputType && e.inputType !== 'insertReplacementText') return;
      for (var i = 0; i < list.options.length; i++) {
        var o = list.options[i];
        if (o.value === box.value && o.getAttribute('data-url')) {
          location.href = o.getAttribute('data-url');
          return;
        }
      }
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
    try {
      ok = document.execCommand('copy');
    } catch (err) {
      ok = false;
    }
    if (ok) say(btn, 'Copied to the clipboard.', 'ok');
    else say(btn, 'This browser did not let the page copy: the text is selected in the box below, press Ctrl+C (⌘C on a Mac).', 'manual');
  }

  function copy(btn, text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(
        function () {
          say(btn, 'Copied to the clipboard.', 'ok');
        },
        function () {
          copyBySelection(btn, text);
        },
      );
    }
    copyBySelection(btn, text);
  }
  // A diagnosis's ticket text also carries what only this page knows: the log lines that matched and, on a
  // shared page, the link with the answers given.
  function diagnosisExtras(btn) {
    var diagnosis = btn.closest('li.diagnosis');
    if (!diagnosis) return '';
    var markdown = /format=markdown/.test(btn.getAttribute('data-src'));
    var out = '';
    var link = document.getElementById('share-url');
    if (link && link.value) out += markdown ? '\n**Shared diagnosis:** ' + link.value + '\n' : '\nShared diagnosis: ' + link.value + '\n';
    var lines = Array.prototype.map.call(diagnosis.querySelectorAll('.evidence li'), function (li) {
      var ln = li.querySelector('.ln');
      var code = li.querySelector('code');
      return (ln ? ln.textContent.trim() + ': ' : '') + (code ? code.textContent : '');
    });
    // A fence longer than any run of tildes in the lines, so a pasted line cannot close it early.
    var longest = (lines.join('\n').match(/~+/g) || []).reduce(function (n, run) {
      return Math.max(n, run.length);
    }, 2);
    var fence = new Array(longest + 2).join('~');
    if (lines.length)
      out += markdown
        ? '\n**Matched log lines**\n\n' + fence + 'text\n' + lines.join('\n') + '\n' + fence + '\n'
        : '\nMatched log lines:\n' +
          lines
            .map(function (l) {
              return '  ' + l;
            })
            .join('\n') +
          '\n';
    return out;
  }

  document.addEventListener('click', function (e) {
    var btn = e.target.closest && e.target.closest('button.copy-ticket, button.copy-link');
    if (!btn) return;
    if (btn.classList.contains('copy-link')) return copy(btn, btn.getAttribute('data-url'));
    say(btn, 'Fetching the text…', 'busy');
    fetch(btn.getAttribute('data-src'))
      .then(function (r) {
        if (!r.ok) throw new Error('the server answered ' + r.status);
        return r.text();
      })
      .then(
        function (text) {
          return copy(btn, text + diagnosisExtras(btn));
        },
        function (err) {
          say(btn, 'Nothing was copied: ' + (err && err.message ? err.message : 'the request failed') + '. Try again.', 'bad');
        },
      );
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
    fetch('/api/feedback', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) {
        if (!r.ok) throw new Error('status ' + r.status);
        var p = document.createElement('p');
        p.className = 'thanks';
        p.setAttribute('role', 'status');
        p.textContent = 'Thank you: your answer on ' + body.article + ' was recorded.';
        form.replaceWith(p);
      })
      .catch(function () {
        form.setAttribute('data-plain', '1');
        form.requestSubmit(e.submitter);
      });
  });

  // A search a person ran that found nothing is reported as a knowledge gap, by POST from this page only:
  // the GET that rendered it records nothing, so no other site can fill the reports.
  var gap = document.querySelector('section.results[data-gap="1"]');
  if (gap && window.fetch) {
    var params = new URLSearchParams(location.search),
      body = { q: params.get('q') || '' };
    ['product', 'version', 'type', 'status', 'code'].forEach(function (k) {
      if (params.get(k)) body[k] = params.get(k);
    });
    fetch('/api/gaps', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), keepalive: true }).catch(function () {});
  }

  // The paste form: drop a file or choose one, Ctrl+Enter sends, and a paste too large is caught before it is
  // sent, so the text stays in the box.
  var form = document.querySelector('.paste-form');
  var area = document.getElementById('log');
  if (form && area) {
    var sizeNote = document.getElementById('paste-size');
    var maxBytes = Number(form.getAttribute('data-max-bytes')) || 0;
    var human = function (n) {
      return n >= 1048576 ? Math.round(n / 104857.6) / 10 + ' MB' : n >= 1024 ? Math.round(n / 102.4) / 10 + ' KB' : n + ' bytes';
    };
    var load = function (f) {
      if (!f) return;
      if (maxBytes && f.size > maxBytes * 4) {
        sizeNote.textContent = f.name + ' is ' + human(f.size) + ': too large to read here. Open it and copy the lines around the error.';
        sizeNote.className = 'paste-size bad';
        return;
      }
      f.text().then(function (t) {
        area.value = t;
        checkSize();
        area.focus();
      });
    };
    var checkSize = function () {
      if (!maxBytes || !sizeNote) return true;
      var bytes = new TextEncoder().encode(area.value).length;
      var tooBig = bytes > maxBytes;
      sizeNote.textContent = tooBig
        ? 'The paste is ' + human(bytes) + '; the troubleshooter reads up to ' + human(maxBytes) + '. Delete all but the lines around the error, then send.'
        : '';
      sizeNote.className = 'paste-size' + (tooBig ? ' bad' : '');
      area.setAttribute('aria-invalid', String(tooBig));
      return !tooBig;
    };
    ['dragenter', 'dragover'].forEach(function (t) {
      form.addEventListener(t, function (e) {
        e.preventDefault();
        form.classList.add('dragging');
      });
    });
    ['dragleave', 'drop'].forEach(function (t) {
      form.addEventListener(t, function () {
        form.classList.remove('dragging');
      });
    });
    form.addEventListener('drop', function (e) {
      e.preventDefault();
      load(e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0]);
    });
    var picker = document.getElementById('log-file');
    if (picker)
      picker.addEventListener('change', function () {
        load(picker.files && picker.files[0]);
      });
    area.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', function (e) {
      if (!checkSize()) {
        e.preventDefault();
        area.focus();
      }
    });
  }

  // The loading page: progress from /healthz every two seconds, and the page itself once the knowledge base is ready.
  var loading = document.querySelector('.loading[data-poll]');
  if (loading && window.fetch) {
    var steps = { load: 'Reading articles', index: 'Indexing', hash: 'Checking the articles against the saved index' };
    var bar = document.getElementById('load-progress');
    var statusLine = document.getElementById('load-status');
    var poll = function () {
      fetch(loading.getAttribute('data-poll'), { cache: 'no-store' })
        .then(function (r) {
          return r.json();
        })
        .then(
          function (h) {
            if (h.status === 'ok') {
              location.reload();
              return;
            }
            if (h.progress && h.progress.total) {
              bar.max = h.progress.total;
              bar.value = h.progress.done;
              statusLine.textContent =
                (steps[h.progress.step] || h.progress.step) +
                ': ' +
                h.progress.done.toLocaleString('en-US') +
                ' of ' +
                h.progress.total.toLocaleString('en-US');
            }
            setTimeout(poll, 2000);
          },
          function () {
            setTimeout(poll, 5000);
          },
        );
    };
    setTimeout(poll, 2000);
  }

  // After a paste is sent, the answer gets the focus, not the box above it.
  var answer = document.querySelector('.troubleshoot form.question fieldset, li.diagnosis h2, .troubleshoot > .notice');
  if (form && answer && document.querySelector('.pasted-log')) {
    answer.setAttribute('tabindex', '-1');
    answer.focus();
  }
})();
