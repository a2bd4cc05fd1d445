import { describe, expect, it } from 'vitest';
import { looksLikeHtml, plainText } from '../../../renderer/map/plain-text.ts';

describe('plain text previews', () => {
  it('strips tags, scripts, styles and comments, decodes entities, keeps line breaks', () => {
    const html = '<html><head><style>p{color:red}</style></head><body><p>Dear&nbsp;friend,</p><!-- x --><div>Win <b>$1,000</b> &amp; more&#33;<br>Click <a href="http://x">here</a></div><script>alert(1)</script></body></html>';
    expect(plainText(html)).toBe('Dear friend,\nWin $1,000 & more!\nClick here');
  });
  it('leaves plain text (even with < and >) as it is', () => {
    const t = 'if a < b and c > d then\n  reply soon';
    expect(looksLikeHtml(t)).toBe(false);
    expect(plainText(t)).toBe(t);
  });
});
