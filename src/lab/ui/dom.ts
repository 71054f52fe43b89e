/** Small DOM helpers for the lab's panels: elements, labelled fields with a message beside them, number formatting. */
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | number | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'text') el.textContent = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

let ids = 0;
export const uid = (prefix: string) => `${prefix}-${++ids}`;

/** A label, an input and an error line beside it (role=alert, empty when fine). */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint = ''): { row: HTMLElement; error: HTMLElement; setError(message: string | null): void } {
  input.id ||= uid('f');
  const error = h('span', { class: 'error', role: 'alert', id: `${input.id}-error` });
  input.setAttribute('aria-describedby', error.id);
  const row = h('div', { class: 'field' }, h('label', { for: input.id, text: label }), input, hint ? h('span', { class: 'hint', text: hint }) : null, error);
  return {
    row, error,
    setError(message) {
      error.textContent = message ?? '';
      input.toggleAttribute('aria-invalid', message !== null);
    },
  };
}

export function select(options: readonly (readonly [string, string])[], value: string, attrs: Record<string, string> = {}): HTMLSelectElement {
  const el = h('select', attrs);
  for (const [v, text] of options) el.append(h('option', { value: v, text, selected: v === value }));
  el.value = value;
  return el;
}

/** Short, exact-enough text for a number in a table: up to 6 significant digits. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(4);
}

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[], caption?: string): HTMLTableElement {
  const t = h('table', {}, caption ? h('caption', { text: caption }) : null, h('thead', {}, h('tr', {}, ...header.map((c) => h('th', { scope: 'col', text: c })))));
  const body = h('tbody');
  for (const row of rows) body.append(h('tr', {}, ...row.map((c) => h('td', { text: typeof c === 'number' ? fmt(c) : c }))));
  t.append(body);
  return t;
}

export function button(text: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs, text });
  b.addEventListener('click', onClick);
  return b;
}

/** The nodes among `items` (drops null, undefined and false). */
export function present(...items: Child[]): (Node | string)[] {
  return items.filter((x): x is Node | string => x !== null && x !== undefined && x !== false);
}
