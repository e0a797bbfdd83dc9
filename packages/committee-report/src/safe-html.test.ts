import { describe, expect, it } from 'vitest';
import { escapeHtml, html, rawHtml } from './safe-html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
  });

  it('keeps existing entities visible as typed rather than decoding them', () => {
    expect(escapeHtml('&amp; &nbsp;')).toBe('&amp;amp; &amp;nbsp;');
  });

  it('shows control characters as visible markers, keeping tabs and newlines', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne\u007f\r')).toBe('a[U+0000]b[U+0007]c\td\ne[U+007F][U+000D]');
  });

  it('shows bidirectional controls and invisible characters as markers, so nothing can reorder the page', () => {
    expect(escapeHtml('<b>Pay \u202E0001£</b>\u2066\u200B')).toBe(
      '&lt;b&gt;Pay [U+202E]0001£&lt;/b&gt;[U+2066][U+200B]',
    );
  });

  it('leaves non-ASCII text alone', () => {
    expect(escapeHtml('Δ × ✓ – “quotes” £')).toBe('Δ × ✓ – “quotes” £');
  });
});

describe('html', () => {
  it('escapes every hole that is not already markup', () => {
    const title = '<img src=x onerror=alert(1)>';
    expect(html`<td title="${title}">${title}</td>`.value).toBe(
      '<td title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</td>',
    );
  });

  it('nests fragments and lists, and prints nothing for null, undefined and false', () => {
    const items = ['a', '<b>'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}${[null, html`<li>c</li>`]}</ul>`.value).toBe(
      '<ul><li>a</li><li>&lt;b&gt;</li><li>c</li></ul>',
    );
  });

  it('prints numbers as written, and raw markup unchanged', () => {
    expect(html`<rect width="${12.5}"/>${rawHtml('<br>')}`.value).toBe('<rect width="12.5"/><br>');
  });
});
