import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import request from 'supertest';
import { LOG_FIXTURES_DIR, PROJECT_ARTICLES, openTestApp } from '../support/app.js';

let app: express.Express;
before(async () => {
  ({ app } = await openTestApp());
});

const fixture = (name: string) => readFileSync(path.join(LOG_FIXTURES_DIR, name), 'utf8');

async function getPage(url: string, status = 200): Promise<string> {
  const res = await request(app).get(url).set('Accept', 'text/html');
  assert.equal(res.status, status, `${url}: ${res.text.slice(0, 300)}`);
  assert.match(res.type, /html/);
  assert.match(res.text, /^<!doctype html>/);
  return res.text;
}

async function postForm(fields: Record<string, string>): Promise<string> {
  const res = await request(app).post('/troubleshoot').type('form').send(fields);
  assert.equal(res.status, 200, res.text.slice(0, 300));
  assert.match(res.type, /html/);
  return res.text;
}

/** The values of one attribute across the page, e.g. every href. */
function attributeValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]);
}

/** The inner text of the first element carrying this class (no nesting of the same tag expected). */
function elementWithClass(html: string, tag: string, cls: string): string {
  const m = new RegExp(`<${tag}\\b[^>]*class="[^"]*\\b${cls}\\b[^"]*"[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  assert.ok(m, `no <${tag} class="${cls}">`);
  return m[1];
}

/** Each diagnosis of a troubleshoot page, in order (they hold nested lists, so cut at the next one). */
function diagnosisBlocks(html: string): string[] {
  return html
    .split('<li class="diagnosis">')
    .slice(1)
    .map((b) => b.split('class="copy-ticket"')[0]);
}

describe('web/pages: home', () => {
  it('offers the search box, the article count, examples and the troubleshooter', async () => {
    const html = await getPage('/');
    assert.match(html, new RegExp(`Search ${PROJECT_ARTICLES} KB articles`));
    assert.match(html, /<form class="searchbox" action="\/search" method="get"/);
    assert.ok(attributeValues(html, 'href').includes('/troubleshoot'));
    assert.ok(attributeValues(html, 'href').includes('/search?q=0x80070020'));
    assert.match(html, /<link rel="search" type="application\/opensearchdescription\+xml"[^>]*href="\/opensearch.xml">/);
  });

  it('serves the page script and stylesheet it links', async () => {
    for (const url of ['/static/app.js', '/static/style.css']) {
      const res = await request(app).get(url);
      assert.equal(res.status, 200, url);
    }
  });
});

describe('web/pages: search', () => {
  it('lists the results for a code with the code meaning and facet links', async () => {
    const html = await getPage('/search?q=0x80070020');
    const hits = attributeValues(elementWithClass(html, 'ol', 'hits'), 'href');
    assert.deepEqual(new Set(hits), new Set(['/kb/Q161043', '/kb/Q207416']));
    const meaning = elementWithClass(html, 'p', 'code-meaning');
    assert.match(meaning, /<code>0x80070020<\/code>/);
    assert.match(meaning, /<strong>ERROR_SHARING_VIOLATION<\/strong>/);
    assert.match(meaning, /sharing violation/);
    const facets = attributeValues(elementWithClass(html, 'aside', 'facets'), 'href');
    assert.ok(facets.includes('/search?q=0x80070020&amp;product=sms'), facets.join(' '));
    assert.ok(facets.includes('/search?q=0x80070020&amp;status=fixed'), facets.join(' '));
    assert.match(html, /<h1 class="results-title">2 articles for <q>0x80070020<\/q><\/h1>/);
    assert.match(html, /<input id="q" name="q" type="search" value="0x80070020"/);
  });

  it('narrows by a facet link', async () => {
    const html = await getPage('/search?q=0x80070020&product=sms&status=fixed');
    assert.deepEqual(attributeValues(elementWithClass(html, 'ol', 'hits'), 'href'), ['/kb/Q161043']);
    // The active facet links back to the unfiltered search.
    assert.match(html, /<a href="\/search\?q=0x80070020&amp;product=sms" class="active" aria-current="true">Fixed <span class="count">1<\/span><\/a>/);
  });

  it('shows the fix badge on each hit', async () => {
    const html = await getPage('/search?q=0x80070020');
    assert.match(html, /<span class="badge fix-fixed"[^>]*>Fixed: Systems Management Server 1\.2 Service Pack<\/span>/);
    assert.match(html, /<span class="badge fix-confirmed"/);
  });

  it('says what it also searched, each removable with one click, and what product it prefers', async () => {
    const html = await getPage('/search?q=' + encodeURIComponent('exch 5.5 information store crashes'));
    const [preferring, also] = [...html.matchAll(/<p class="also">([\s\S]*?)<\/p>/g)].map((m) => m[1]);
    assert.match(also, /Also searched:/);
    assert.match(also, /access violation <a href="\/search\?q=exch\+5\.5\+information\+store\+crashes&amp;noexpand=access\+violation"/);
    assert.match(preferring, /Preferring <strong>Exchange Server 5\.5<\/strong> \(from <q>exch 5\.5<\/q>\)/);
    const removed = await getPage('/search?q=' + encodeURIComponent('information store crashes') + '&noexpand=access+violation');
    assert.doesNotMatch(removed, /access violation <a/);
    assert.match(removed, /search every related wording again/);
  });

  it('says so when no article matches', async () => {
    const html = await getPage('/search?q=zzqqxxnothing');
    assert.match(html, /<h1 class="results-title">0 articles for <q>zzqqxxnothing<\/q><\/h1>/);
    assert.match(elementWithClass(html, 'div', 'no-results'), /No article holds the word <q>zzqqxxnothing<\/q>/);
    assert.doesNotMatch(html, /<li class="hit">/);
  });

  for (const q of ['Q161043', 'KB161043', '161043']) {
    it(`redirects ${q} to the article page`, async () => {
      const res = await request(app).get(`/search?q=${q}`);
      assert.equal(res.status, 302);
      assert.equal(res.headers.location, '/kb/Q161043');
    });
  }

  it('answers a bad sort with the default sort and a notice, keeping the query', async () => {
    const html = await getPage('/search?q=despooler&sort=random');
    assert.match(elementWithClass(html, 'p', 'notice'), /There is no sort &#34;random&#34;; sorted by relevance/);
    assert.match(html, /<input id="q" name="q" type="search" value="despooler"/);
    assert.ok(attributeValues(elementWithClass(html, 'ol', 'hits'), 'href').length > 0);
  });

  it('answers 400 as an HTML page for a bad parameter, keeping the query in the box', async () => {
    const html = await getPage('/search?q=despooler&code=a&code=b', 400);
    assert.match(html, /<h1>Error 400<\/h1>/);
    assert.match(html, /given more than once/);
    assert.match(html, /<input id="q" name="q" type="search" value="despooler"/);
  });
});

describe('web/pages: article', () => {
  it('shows the sections with anchors, the fix badge, the metadata panel and links to referenced articles', async () => {
    const html = await getPage('/kb/Q161043');
    const ids = attributeValues(html, 'id');
    for (const anchor of ['symptoms', 'cause', 'workaround', 'status']) {
      assert.ok(ids.includes(anchor), `id="${anchor}" in ${ids.join(' ')}`);
      assert.ok(attributeValues(html, 'href').includes(`#${anchor}`), `table of contents links #${anchor}`);
    }
    assert.match(html, /<title>Q161043: SMS: Despooler Stalls with &#39;WIN32 ERROR = 32&#39; on an Instruction File<\/title>/);
    assert.match(html, /<span class="badge fix-fixed" title="Fixed in Systems Management Server 1\.2 Service Pack">/);
    const meta = elementWithClass(html, 'aside', 'article-meta');
    assert.match(meta, /<dt>Products<\/dt><dd>Microsoft Systems Management Server<\/dd>/);
    assert.match(meta, /<dt>Fix status<\/dt><dd>Fixed: Systems Management Server 1\.2 Service Pack<\/dd>/);
    assert.match(meta, /ERROR_SHARING_VIOLATION/);
    assert.ok(attributeValues(meta, 'href').includes('/search?q=code%3Awin32%3A32'));
    const body = elementWithClass(html, 'div', 'article-body');
    assert.ok(attributeValues(body, 'href').includes('/kb/Q207416'), 'the MORE INFORMATION link to Q207416');
  });

  it('keeps the placeholders of quoted log lines as text, not tags', async () => {
    const html = await getPage('/kb/Q161043');
    assert.match(html, /failed to open &lt;path to INS file&gt; WIN32 ERROR = 32/);
    assert.doesNotMatch(html, /<path to INS file>/);
  });

  const redirects: [string, string, number][] = [
    ['/kb/161/Q161043/', '/kb/Q161043', 301],
    ['/kb/161/Q161043', '/kb/Q161043', 301],
    ['/kb/161043', '/kb/Q161043', 301],
    ['/kb/q161043', '/kb/Q161043', 301],
  ];
  for (const [from, to, status] of redirects) {
    it(`redirects the permalink ${from} to ${to}`, async () => {
      const res = await request(app).get(from);
      assert.equal(res.status, status);
      assert.equal(res.headers.location, to);
    });
  }

  it('answers an HTML 404 page naming an unknown article', async () => {
    const html = await getPage('/kb/Q999999', 404);
    assert.match(html, /<h1>Error 404<\/h1>/);
    assert.match(html, /No article Q999999/);
  });

  it('answers an HTML 400 page for a malformed article number', async () => {
    const html = await getPage('/kb/not-a-number', 400);
    assert.match(html, /not an article number/);
  });

  it('answers an HTML 404 page for an unknown path', async () => {
    const html = await getPage('/no/such/page', 404);
    assert.match(html, /No page at \/no\/such\/page/);
  });
});

describe('web/pages: troubleshoot', () => {
  it('shows the paste form', async () => {
    const html = await getPage('/troubleshoot');
    assert.match(html, /<form method="post" action="\/troubleshoot" class="paste-form" data-max-bytes="\d+">/);
    assert.match(html, /<textarea id="log" name="log"/);
  });

  it('shows the diagnosis, its evidence and the pasted log for a fixture log', async () => {
    const html = await postForm({ log: fixture('despooler-sms12.log') });
    const first = diagnosisBlocks(html)[0];
    assert.match(first, /<a href="\/kb\/Q161043">Q161043: /);
    assert.match(first, /<span class="badge fix-fixed"/);
    assert.match(first, /<a href="\/kb\/Q161043#cause">Cause<\/a>/);
    assert.match(first, /<a href="\/kb\/Q161043#workaround">Workaround<\/a>/);
    assert.match(first, /<span class="ln">line 16<\/span> <code>failed to open C:\\SMS\\SITE\.SRV\\DESPOOLR\.BOX\\RECEIVE\\10000A3B\.INS WIN32 ERROR = 32/);
    const pasted = elementWithClass(html, 'ol', 'pasted-log');
    assert.equal(pasted.match(/<li /g)?.length, 29, 'every pasted line, plus the empty one after the last newline');
    assert.match(pasted, /<li class="matched"><code>Cannot decompress instruction file~  \$\$&lt;SMS_DESPOOLER&gt;/);
  });

  it('asks which version runs when the answer decides, and narrows once answered', async () => {
    const log = fixture('rules-event-1025.txt');
    const asked = await postForm({ log });
    const question = elementWithClass(asked, 'form', 'question');
    assert.match(question, /Which Exchange Server version/);
    assert.match(question, /<button type="submit" name="answer:version:exchange" value="5\.0">Exchange Server 5\.0<\/button>/);
    assert.match(question, /<button type="submit" name="answer:version:exchange" value="5\.5">Exchange Server 5\.5<\/button>/);

    const answered = await postForm({ log, 'answer:version:exchange': '5.5' });
    assert.doesNotMatch(answered, /class="question"/);
    const first = diagnosisBlocks(answered)[0];
    assert.match(first, /<a href="\/kb\/Q900011">/);
    assert.match(first, /<p class="verdict applies">On Exchange Server 5\.5 this is by design/);
    assert.match(answered, /<p class="verdict not-applies">This article is about version 5\.0, not Exchange Server 5\.5\.<\/p>/);
    assert.match(answered, /<input type="hidden" name="answer:version:exchange" value="5\.5">/);
  });

  it('says so when the paste is empty', async () => {
    const res = await request(app).post('/troubleshoot').type('form').send({ log: '   ' });
    assert.equal(res.status, 400);
    assert.match(res.text, /The paste is empty/);
  });
});

describe('web/pages: pasted and typed text comes back escaped', () => {
  const payloads = [
    { name: 'a script tag', raw: '<script>alert(1)</script>', escaped: /&lt;script&gt;alert\(1\)&lt;\/script&gt;/ },
    { name: 'an attribute break-out', raw: '"><img src=x onerror=alert(1)>', escaped: /(?:&#34;|&quot;)&gt;&lt;img src=x onerror=alert\(1\)&gt;/ },
  ];
  const rawTag = (raw: string) => raw.slice(raw.indexOf('<'));

  for (const p of payloads) {
    it(`escapes ${p.name} in the search page (title, box, summary)`, async () => {
      const html = await getPage(`/search?q=${encodeURIComponent(p.raw)}`);
      assert.ok(!html.includes(rawTag(p.raw)), 'raw tag absent');
      assert.ok(!/<img src=x/i.test(html));
      assert.match(html, p.escaped);
      assert.match(elementWithClass(html, 'h1', 'results-title'), p.escaped);
    });

    it(`escapes ${p.name} in the troubleshoot form result`, async () => {
      const log = `failed to open C:\\x.ins WIN32 ERROR = 32 ${p.raw}\nFatal error ${p.raw}\n`;
      const html = await postForm({ log, [`answer:${p.raw}`]: p.raw });
      assert.ok(!html.includes(rawTag(p.raw)), 'raw tag absent');
      assert.ok(!/<img src=x/i.test(html));
      const textarea = /<textarea id="log"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
      assert.ok(textarea, 'the paste box keeps the paste');
      assert.match(textarea[1], p.escaped);
      assert.match(elementWithClass(html, 'ol', 'pasted-log'), p.escaped);
    });

    it(`never echoes ${p.name} as a raw tag from POST /api/troubleshoot`, async () => {
      const log = `failed to open C:\\x.ins WIN32 ERROR = 32 ${p.raw}\nFatal error ${p.raw}\n`;
      const res = await request(app).post('/api/troubleshoot').send({ log });
      assert.equal(res.status, 200);
      assert.match(res.type, /json/);
      assert.ok(!res.text.includes(rawTag(p.raw)), 'raw tag absent from the JSON text');
      assert.match(res.text, /\\u003c(?:script|img)/);
      // The JSON still carries the text exactly once decoded.
      assert.ok(JSON.stringify(res.body).includes(rawTag(p.raw)));
    });

    it(`never echoes ${p.name} as a raw tag from the search and suggest APIs`, async () => {
      for (const url of [`/api/search?q=${encodeURIComponent(p.raw)}`, `/api/suggest?q=${encodeURIComponent(p.raw)}`]) {
        const res = await request(app).get(url);
        assert.equal(res.status, 200, url);
        assert.ok(!res.text.includes(rawTag(p.raw)), `${url}: raw tag absent`);
      }
    });

    it(`escapes ${p.name} on error pages`, async () => {
      const html = await getPage(`/kb/${encodeURIComponent(p.raw)}`, 400);
      assert.ok(!html.includes(rawTag(p.raw)));
    });
  }
});
