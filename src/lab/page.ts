/**
 * The lab's HTML page and stylesheet, one string: served by `seedgrad lab` and written
 * as index.html by `npm run build:lab`. It loads lab.js beside it and nothing else.
 */
const STYLE = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #5f6368; --line: #d0d4da; --accent: #0b57d0; --bad: #b3261e; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; color: var(--fg); background: #fafbfc; font-size: 14px; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 16px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 18px; margin: 0; } h1 span { font-weight: 400; }
h2 { font-size: 15px; margin: 12px 0 6px; }
nav[role=tablist] { display: flex; flex-wrap: wrap; gap: 4px; }
[role=tab] { border: 1px solid var(--line); background: #f1f3f4; border-radius: 6px 6px 0 0; padding: 6px 12px; font: inherit; cursor: pointer; }
[role=tab][aria-selected=true] { background: #fff; border-color: var(--accent); color: var(--accent); font-weight: 600; }
.share { display: flex; gap: 6px; align-items: center; margin-left: auto; flex: 1 1 260px; }
.share .link { flex: 1; min-width: 0; }
main { padding: 12px 16px; }
.panel-grid { display: grid; grid-template-columns: minmax(260px, 320px) minmax(0, 500px) minmax(0, 1fr); gap: 16px; align-items: start; }
.panel-grid.two { grid-template-columns: minmax(260px, 420px) minmax(0, 1fr); }
@media (max-width: 1100px) { .panel-grid { grid-template-columns: minmax(240px, 300px) minmax(0, 1fr); } .panel-grid .side { grid-column: 2; } }
@media (max-width: 700px) { .panel-grid, .panel-grid.two { grid-template-columns: minmax(0, 1fr); } .panel-grid .side { grid-column: auto; } .panel-grid:not(.controls-first) .stage { order: -1; } header { padding: 8px; } main { padding: 8px; } .share { flex-basis: 100%; } }
.field { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; margin: 6px 0; }
.field label { min-width: 7em; }
.field textarea { width: 100%; font-family: ui-monospace, monospace; font-size: 12px; }
.field.option label { min-width: 8.5em; font-family: ui-monospace, monospace; font-size: 12px; }
.field.option input[type=range] { flex: 1 1 90px; min-width: 80px; }
.row { display: flex; flex-wrap: wrap; gap: 0 12px; }
.error { color: var(--bad); flex-basis: 100%; margin: 0; font-size: 13px; }
.error:empty { display: none; }
.hint { color: var(--muted); font-size: 12px; }
input, select, button, textarea, .button { font: inherit; }
input[type=text], input[type=number] { padding: 3px 5px; border: 1px solid #9aa0a6; border-radius: 4px; }
input[type=number] { width: 6.5em; }
[aria-invalid] { border-color: var(--bad) !important; background: #fff5f5; }
button, .button { padding: 5px 12px; border: 1px solid #9aa0a6; border-radius: 6px; background: #fff; cursor: pointer; color: inherit; text-decoration: none; display: inline-block; }
button:disabled { opacity: .5; cursor: default; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
canvas.contour { width: 100%; max-width: 480px; height: auto; border: 1px solid var(--line); background: #fff; cursor: crosshair; display: block; }
canvas.contour.small { max-width: 360px; cursor: default; }
canvas.chart { width: 100%; max-width: 480px; height: auto; border: 1px solid var(--line); background: #fff; display: block; }
.playback { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 8px 0; }
.playback input[type=range] { flex: 1 1 140px; }
.run { border: 1px solid var(--line); border-left: 5px solid; border-radius: 6px; padding: 4px 8px; margin: 6px 0; background: #fff; }
.run header { padding: 0; border: 0; gap: 8px; background: none; flex-wrap: nowrap; }
.run header strong { flex: 1; }
.run details summary { cursor: pointer; color: var(--muted); }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: middle; }
.legend { list-style: none; padding: 0; margin: 6px 0; font-size: 13px; }
.legend li { margin: 3px 0; }
.legend li.diverged { color: var(--bad); }
.add { display: flex; gap: 6px; flex-wrap: wrap; }
table { border-collapse: collapse; margin: 8px 0; font-size: 12px; font-variant-numeric: tabular-nums; display: block; overflow-x: auto; max-width: 100%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: right; white-space: nowrap; }
td:first-child, th:first-child { text-align: left; }
.verdict { font-weight: 600; }
code { font-size: 12px; word-break: break-all; }
`;

export function labPage(script = './lab.js'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>seedgrad Optimizer Lab</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<div id="lab"><p>Loading the lab… (it needs JavaScript and a browser with WebAssembly SIMD.)</p></div>
<script type="module" src="${script}"></script>
</body>
</html>
`;
}
