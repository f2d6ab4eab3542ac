import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sectionMarkdown, sectionPlainText } from '../../src/render/article-markdown.js';
import { markdownToSafeHtml, renderSections } from '../../src/render/render-article.js';
import type { Section } from '../../src/types.js';

describe('render/article', () => {
  it('reflows prose, keeps an indented quote verbatim in a code block and lists dash lines', () => {
    const md = sectionMarkdown('The service stops with\nthis message:\n\n   Error 32 at <path>\n\n- restart it\n- check the log');
    assert.match(md, /^The service stops with this message:$/m);
    assert.match(md, /~~~text\nError 32 at <path>\n~~~/);
    assert.match(md, /^- restart it$/m);
  });

  it('links article numbers and marks the ones the knowledge base lacks', () => {
    const html = renderSections([{ kind: 'cause', heading: 'CAUSE', text: 'See Q161043 and Q999999 for more.' }], { hasArticle: (id) => id === 'Q161043' })[0]
      .html;
    assert.match(html, /<a href="\/kb\/Q161043">Q161043<\/a>/);
    assert.match(html, /<a href="\/kb\/Q999999" class="missing-article"/);
  });

  it('never lets article text become markup or script', () => {
    const html = renderSections([
      { kind: 'symptoms', heading: 'SYMPTOMS', text: 'A <script>alert(1)</script> [x](javascript:alert(1)) *bold* <img src=x onerror=alert(1)>' },
    ])[0].html;
    assert.ok(!/<script|<img|href="javascript|<em>/i.test(html), html);
    assert.match(html, /&lt;script&gt;/);
  });

  it('sanitizes raw markdown handed to it', () => {
    const html = markdownToSafeHtml('[a](javascript:alert(1)) <iframe src="x"></iframe> <b onclick="x()">b</b>');
    assert.ok(!/javascript:|<iframe|onclick/i.test(html), html);
  });

  it('gives two sections of one kind different anchors', () => {
    const section = (heading: string) => ({ heading, kind: 'more-information', text: heading });
    const anchors = renderSections([section('MORE INFORMATION'), section('MORE INFORMATION'), section('More')]).map((s) => s.anchor);
    assert.deepEqual(anchors, ['more-information', 'more-information-2', 'more-information-3']);
  });

  it('reads a section one way for the page (and the troubleshoot page) and the ticket: the same paragraphs and list items', () => {
    const text = 'The service stops\nat once.\n\n1. Stop the\n   service.\n2. Start it.\n\n    net stop widget';
    assert.equal(sectionPlainText(text), 'The service stops at once.\n\n- Stop the service.\n- Start it.\n\n    net stop widget');
    assert.match(sectionMarkdown(text), /^The service stops at once\.\n\n- Stop the service\.\n- Start it\.\n\n~~~text\nnet stop widget\n~~~$/);
  });
});

describe('render/render-article: an article from a folder nobody vetted', () => {
  const N = 2 * 1024 * 1024;
  // Shapes that overflowed marked's stack, or Math.min(...lines), or cost seconds, at the 2 MiB an article may be.
  const hostile: Record<string, string> = {
    'one line of "<"': '<'.repeat(N),
    'one line of "> "': '> '.repeat(N / 2),
    'escape-dense lines': '*_[]()`~\n'.repeat(N / 9),
    '300,000 list items': '- item\n'.repeat(N / 7),
    '500,000 indented lines': '  x\n'.repeat(N / 4),
    'article numbers': 'see Q123456\n'.repeat(N / 12),
    'nested brackets': '['.repeat(N / 2) + ']'.repeat(N / 2),
  };
  for (const [name, text] of Object.entries(hostile)) {
    it(`renders ${name} without overflowing the stack, escaped, and bounded in size`, () => {
      const [section] = renderSections([{ kind: 'summary', heading: '', text } as Section]);
      assert.ok(section.html.length < 4 * N, `${section.html.length} characters of HTML`);
      assert.doesNotMatch(section.html, /<(?!\/?(?:p|pre|code|ul|li|a)\b)[a-z]/i);
    });
  }
});

describe('render/render-article: the CPU budget', () => {
  const sections: Section[] = [
    { kind: 'symptoms', heading: 'SYMPTOMS', text: 'The *service* stops.' },
    { kind: 'cause', heading: 'CAUSE', text: 'See Q161043.' },
  ];

  it('formats every section of an ordinary article within the default budget', () => {
    const html = renderSections(sections).map((s) => s.html);
    assert.ok(
      html.every((h) => !h.includes('class="plain"')),
      html.join('\n'),
    );
    assert.match(html[1], /<a href="\/kb\/Q161043">Q161043<\/a>/);
  });

  it('shows the text plain and escaped, but whole, once the budget is spent', () => {
    const html = renderSections(sections, { budgetMs: 0 }).map((s) => s.html);
    assert.deepEqual(html, ['<pre class="plain">The \\*service\\* stops.</pre>', '<pre class="plain">See [Q161043](/kb/Q161043).</pre>']);
  });
});
