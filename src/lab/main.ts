/**
 * The Optimizer Lab's page: reads the setup from the URL, builds the tabs (Landscapes,
 * State, Convention diff, Trace, Train) and keeps the URL in step with every change, so
 * a copied link redraws the same picture. Everything computes here, with the browser
 * entry of seedgrad; nothing is fetched but the page's own files.
 */
import { decodeState, PANELS, type Panel } from './url-state.ts';
import { button, h } from './ui/dom.ts';
import { createStore } from './ui/store.ts';
import { landscapePanel } from './ui/landscape.ts';
import { inspectorPanel } from './ui/inspector.ts';
import { diffPanel } from './ui/diff.ts';
import { tracePanel } from './ui/trace.ts';
import { trainPanel } from './ui/train.ts';

const TAB_TITLES: Record<Panel, string> = { landscape: 'Landscapes', inspect: 'State', diff: 'Convention diff', trace: 'Trace', train: 'Train' };

function start(root: HTMLElement): void {
  const { state, problems } = decodeState(location.search);
  const store = createStore(state);
  const builders: Record<Panel, () => HTMLElement> = {
    landscape: () => landscapePanel(store),
    inspect: () => inspectorPanel(store),
    diff: () => diffPanel(store),
    trace: () => tracePanel(store),
    train: () => trainPanel(store, new URL('./train-worker.js', import.meta.url).href),
  };
  const panels = new Map<Panel, HTMLElement>();
  const tabs = PANELS.map((p) => h('button', { type: 'button', role: 'tab', id: `tab-${p}`, 'aria-controls': `panel-${p}`, 'data-panel': p, text: TAB_TITLES[p] }));
  const tablist = h('nav', { role: 'tablist', 'aria-label': 'Lab panels' }, ...tabs);
  const main = h('main');
  const copied = h('span', { class: 'hint', role: 'status' });
  const linkBox = h('input', { type: 'text', readonly: true, 'aria-label': 'link to this setup', class: 'link', 'data-control': 'link' });
  const copy = button('Copy link', async () => {
    linkBox.value = store.link();
    try {
      await navigator.clipboard.writeText(linkBox.value);
      copied.textContent = 'Copied.';
    } catch {
      linkBox.select();
      copied.textContent = 'Select and copy the link above.';
    }
  }, { 'data-control': 'copy-link' });
  const notice = h('p', { class: 'error', role: 'alert', hidden: problems.length === 0, text: problems.length ? `Parts of the link could not be read and were left at their defaults: ${problems.join('; ')}.` : '' });

  function show(panel: Panel, focus = false): void {
    if (!panels.has(panel)) {
      const el = builders[panel]();
      el.id = `panel-${panel}`;
      el.setAttribute('role', 'tabpanel');
      el.setAttribute('aria-labelledby', `tab-${panel}`);
      panels.set(panel, el);
      main.append(el);
    }
    for (const [p, el] of panels) el.hidden = p !== panel;
    tabs.forEach((t, k) => {
      const selected = PANELS[k] === panel;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      if (selected && focus) t.focus();
    });
    if (store.state.panel !== panel) store.update((s) => { s.panel = panel; });
    else store.update(() => {});
    panels.get(panel)!.dispatchEvent(new Event('lab:show'));
  }
  tabs.forEach((t, k) => {
    t.addEventListener('click', () => show(PANELS[k]!));
    t.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (d !== 0) show(PANELS[(k + d + PANELS.length) % PANELS.length]!, true);
    });
  });
  store.subscribe(() => { if (document.activeElement !== linkBox) linkBox.value = store.link(); });
  root.replaceChildren(
    h('header', {}, h('h1', {}, 'seedgrad ', h('span', { text: 'Optimizer Lab' })), tablist, h('div', { class: 'share' }, linkBox, copy, copied)),
    notice, main,
  );
  show(store.state.panel);
  document.body.dataset['ready'] = 'true';
}

try {
  start(document.getElementById('lab')!);
} catch (error) {
  document.getElementById('lab')!.replaceChildren(h('p', { class: 'error', role: 'alert', text: `The lab could not start: ${error instanceof Error ? error.message : String(error)}` }));
}
