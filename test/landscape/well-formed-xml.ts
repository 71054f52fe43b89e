/**
 * A strict XML well-formedness check for the tests (XML 1.0 §2.1, §3.1): one root
 * element, every start tag closed by the end tag of the same name in order, attributes
 * quoted and unique per tag, and `&` only as an entity or character reference, `<` only
 * as markup. It returns the first problem, or null.
 */
const NAME = '[A-Za-z_:][-A-Za-z0-9_.:]*';
const REFERENCE = /&(?:[A-Za-z_:][-A-Za-z0-9_.:]*|#[0-9]+|#x[0-9A-Fa-f]+);/g;
const ATTRIBUTE = new RegExp(`^\\s+(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);

function badText(text: string): string | null {
  if (text.includes('<')) return 'a raw < in text or an attribute';
  if (text.replace(REFERENCE, '').includes('&')) return 'a raw & that is not a reference';
  return null;
}

export function xmlProblem(xml: string): string | null {
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (stack.length === 0 && text.trim() !== '') return `text outside the root element: '${text.trim().slice(0, 30)}'`;
    const problem = badText(text);
    if (problem !== null) return `${problem} near offset ${i}`;
    if (lt === -1) break;
    for (const [open, close] of [['<!--', '-->'], ['<?', '?>'], ['<![CDATA[', ']]>']] as const) {
      if (xml.startsWith(open, lt)) {
        const end = xml.indexOf(close, lt + open.length);
        if (end === -1) return `unclosed ${open} at offset ${lt}`;
        i = end + close.length;
        break;
      }
    }
    if (i > lt) continue;
    const gt = xml.indexOf('>', lt);
    if (gt === -1) return `unclosed tag at offset ${lt}`;
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    const end = new RegExp(`^/(${NAME})\\s*$`).exec(tag);
    if (end !== null) {
      const open = stack.pop();
      if (open !== end[1]) return `</${end[1]}> closes <${open ?? 'nothing'}> at offset ${lt}`;
      continue;
    }
    const start = new RegExp(`^(${NAME})`).exec(tag);
    if (start === null) return `bad tag '<${tag.slice(0, 30)}>' at offset ${lt}`;
    let rest = tag.slice(start[1]!.length);
    const selfClosing = rest.endsWith('/');
    if (selfClosing) rest = rest.slice(0, -1);
    const seen = new Set<string>();
    while (rest.trim() !== '') {
      const attribute = ATTRIBUTE.exec(rest);
      if (attribute === null) return `bad attribute syntax in <${start[1]}> at offset ${lt}: '${rest.slice(0, 40)}'`;
      if (seen.has(attribute[1]!)) return `attribute ${attribute[1]} twice in <${start[1]}> at offset ${lt}`;
      seen.add(attribute[1]!);
      const valueProblem = badText(attribute[2] ?? attribute[3] ?? '');
      if (valueProblem !== null) return `${valueProblem} in attribute ${attribute[1]} at offset ${lt}`;
      rest = rest.slice(attribute[0].length);
    }
    if (stack.length === 0) roots++;
    if (roots > 1) return `a second root element <${start[1]}> at offset ${lt}`;
    if (!selfClosing) stack.push(start[1]!);
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`;
  return roots === 1 ? null : 'no root element';
}
