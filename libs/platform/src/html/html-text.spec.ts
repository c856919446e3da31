import { describe, expect, it } from '@jest/globals';
import { escapeHtml, html, raw } from './html-text.js';

describe('html text', () => {
  it('escapes the five characters that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('escapes every interpolated value of the template, but not nested markup', () => {
    const label = '"><script>alert(1)</script>';
    const inner = html`<b>${label}</b>`;
    expect(html`<p title="${label}">${inner}${[html`<i>${1}</i>`, html`<i>${'&'}</i>`]}${raw('<br>')}</p>`.text).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"><b>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</b><i>1</i><i>&amp;</i><br></p>',
    );
  });
});
