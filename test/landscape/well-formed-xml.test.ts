import { describe, expect, it } from 'vitest';
import { xmlProblem } from './well-formed-xml.ts';

describe('the well-formedness check the SVG tests rely on', () => {
  it('accepts well-formed documents', () => {
    expect(xmlProblem('<?xml version="1.0"?><svg a="1" b=\'&amp;\'><g><path d="M0,0"/></g><!-- <x> --><text>1 &lt; 2 &#8722;</text></svg>')).toBeNull();
  });

  it('rejects each kind of malformation', () => {
    expect(xmlProblem('<svg><g></svg>')).toMatch(/closes <g>/);
    expect(xmlProblem('<svg><g>')).toMatch(/unclosed <g>/);
    expect(xmlProblem('<svg a=1></svg>')).toMatch(/bad attribute/);
    expect(xmlProblem('<svg a="1" a="2"></svg>')).toMatch(/twice/);
    expect(xmlProblem('<svg>R&D</svg>')).toMatch(/raw &/);
    expect(xmlProblem('<svg a="<"></svg>')).toMatch(/raw </);
    expect(xmlProblem('<svg></svg><svg></svg>')).toMatch(/second root/);
    expect(xmlProblem('<svg></svg>tail')).toMatch(/outside the root/);
    expect(xmlProblem('<svg><!-- open</svg>')).toMatch(/unclosed <!--/);
    expect(xmlProblem('')).toBe('no root element');
  });
});
