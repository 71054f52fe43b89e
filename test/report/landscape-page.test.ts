import { describe, expect, it } from 'vitest';
import { landscapePage } from '../../src/report/landscape-page.ts';

describe('the landscape page', () => {
  it('inlines the SVGs without their XML declaration and escapes every text', () => {
    const html = landscapePage({
      title: 'A & B',
      intro: ['1 < 2'],
      sections: [{ id: 'f', heading: 'F <x>', notes: ['"q"'], svgs: ['<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'], files: ['f.vg.json'], tableHeader: ['h'], tableRows: [['a&b']] }],
    });
    expect(html).toContain('<title>A &amp; B</title>');
    expect(html).toContain('<p>1 &lt; 2</p>');
    expect(html).toContain('<h2>F &lt;x&gt;</h2>');
    expect(html).toContain('<td>a&amp;b</td>');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(html).not.toContain('<?xml');
    expect(html).toContain('<a href="f.vg.json">f.vg.json</a>');
  });
});
