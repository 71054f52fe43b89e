/**
 * Canvas drawing for the lab: the filled contour of f (computed by the engine on a
 * pixel grid, banded by quantiles of f so every function shows its shape), optimizer
 * paths up to a frame, divergence marks, and line charts on a signed-log scale.
 */
import { tensor } from '../../tensor/create.ts';
import { noGrad } from '../../autograd/index.ts';
import type { LabFunction } from '../functions.ts';

export const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22', '#17becf', '#7f7f7f'];
export const colourOf = (k: number) => COLOURS[k % COLOURS.length]!;

export interface View {
  readonly width: number;
  readonly height: number;
  readonly domain: LabFunction['domain'];
}

export const toPixel = (v: View, x: number, y: number): [number, number] => [
  ((x - v.domain.x[0]) / (v.domain.x[1] - v.domain.x[0])) * v.width,
  ((v.domain.y[1] - y) / (v.domain.y[1] - v.domain.y[0])) * v.height,
];
export const toPoint = (v: View, px: number, py: number): [number, number] => [
  v.domain.x[0] + (px / v.width) * (v.domain.x[1] - v.domain.x[0]),
  v.domain.y[1] - (py / v.height) * (v.domain.y[1] - v.domain.y[0]),
];

/** The canvas size that keeps the domain's aspect ratio, the longer side `size` pixels. */
export function viewOf(fn: LabFunction, size: number): View {
  const w = fn.domain.x[1] - fn.domain.x[0];
  const hgt = fn.domain.y[1] - fn.domain.y[0];
  return w >= hgt ? { width: size, height: Math.round((size * hgt) / w), domain: fn.domain } : { width: Math.round((size * w) / hgt), height: size, domain: fn.domain };
}

const BANDS = 14;
const contours = new Map<string, HTMLCanvasElement>();

/** f on a cell grid, coloured by quantile band with a darker line where bands meet; cached per function and size. */
export function contourImage(fn: LabFunction, view: View, key: string): HTMLCanvasElement {
  const id = `${key}:${view.width}x${view.height}`;
  const cached = contours.get(id);
  if (cached) return cached;
  const cell = 2;
  const cols = Math.ceil(view.width / cell);
  const rows = Math.ceil(view.height / cell);
  const xs = new Float64Array(cols * rows);
  const ys = new Float64Array(cols * rows);
  for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) [xs[j * cols + i], ys[j * cols + i]] = toPoint(view, (i + 0.5) * cell, (j + 0.5) * cell);
  const f = noGrad(() => fn.expression(tensor(xs, [xs.length]), tensor(ys, [ys.length])).data);
  const finite = Array.from(f).filter(Number.isFinite).sort((a, b) => a - b);
  const cuts = Array.from({ length: BANDS - 1 }, (_, k) => finite[Math.floor(((k + 1) / BANDS) ** 1.6 * (finite.length - 1))] ?? 0);
  const band = new Uint8Array(f.length);
  for (let k = 0; k < f.length; k++) {
    const v = f[k]!;
    let b = 0;
    while (b < cuts.length && v > cuts[b]!) b++;
    band[k] = Number.isFinite(v) ? b : BANDS - 1;
  }
  const canvas = document.createElement('canvas');
  canvas.width = view.width;
  canvas.height = view.height;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(cols, rows);
  for (let k = 0; k < band.length; k++) {
    const i = k % cols;
    const edge = (i + 1 < cols && band[k + 1] !== band[k]) || (k + cols < band.length && band[k + cols] !== band[k]);
    const t = band[k]! / (BANDS - 1);
    const shade = edge ? 0.78 : 1;
    // Light blue (low) to warm sand (high), light enough for coloured paths on top.
    image.data.set([(205 + 45 * t) * shade, (228 + 12 * t - 30 * t * t) * shade, (250 - 90 * t) * shade, 255], 4 * k);
  }
  const small = document.createElement('canvas');
  small.width = cols;
  small.height = rows;
  small.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, cols * cell, rows * cell);
  if (contours.size > 30) contours.clear();
  contours.set(id, canvas);
  return canvas;
}

export function marker(ctx: CanvasRenderingContext2D, x: number, y: number, kind: 'start' | 'minimum' | 'diverged' | 'current', colour = '#222'): void {
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = kind === 'diverged' ? 3 : 2;
  ctx.beginPath();
  if (kind === 'start') { ctx.arc(x, y, 5, 0, 2 * Math.PI); ctx.stroke(); }
  else if (kind === 'current') { ctx.arc(x, y, 4, 0, 2 * Math.PI); ctx.fill(); }
  else {
    const r = kind === 'diverged' ? 7 : 5;
    ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r); ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r);
    ctx.stroke();
  }
  ctx.restore();
}

export interface Series {
  readonly points: Float64Array;
  readonly length: number;
  readonly colour: string;
  readonly dashed: boolean;
  readonly divergence: number | null;
}

/** Paths up to `frame` steps (clipped to the canvas), a dot at each current point, ✕ where a path diverged. */
export function drawPaths(ctx: CanvasRenderingContext2D, view: View, series: readonly Series[], frame: number): void {
  ctx.lineWidth = 2;
  for (const s of series) {
    const n = Math.min(frame, s.length);
    ctx.strokeStyle = s.colour;
    ctx.setLineDash(s.dashed ? [6, 4] : []);
    ctx.beginPath();
    for (let t = 0; t <= n; t++) {
      const [px, py] = toPixel(view, s.points[2 * t]!, s.points[2 * t + 1]!);
      const cx = Math.max(-1e4, Math.min(1e4, px));
      const cy = Math.max(-1e4, Math.min(1e4, py));
      if (t === 0) ctx.moveTo(cx, cy);
      else ctx.lineTo(cx, cy);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    const [px, py] = toPixel(view, s.points[2 * n]!, s.points[2 * n + 1]!);
    if (s.divergence !== null && frame >= s.divergence) marker(ctx, Math.max(4, Math.min(view.width - 4, px)), Math.max(4, Math.min(view.height - 4, py)), 'diverged', '#c00');
    else marker(ctx, px, py, 'current', s.colour);
  }
}

/** sign(v)·log10(1 + |v|): a log scale that passes through 0 and negative values. */
export const symlog = (v: number) => Math.sign(v) * Math.log10(1 + Math.abs(v));

export interface ChartSeries {
  readonly values: ArrayLike<number>;
  readonly length: number;
  readonly colour: string;
  readonly dashed?: boolean;
  readonly divergence?: number | null;
}

/** A line chart of values by step on a signed-log y scale, up to `frame`; a vertical rule at `mark`. */
export function drawChart(canvas: HTMLCanvasElement, series: readonly ChartSeries[], frame: number, steps: number, mark: number | null, yLabel: string): void {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  const left = 46, bottom = 22, top = 8, right = 8;
  ctx.clearRect(0, 0, width, height);
  let lo = Infinity, hi = -Infinity;
  for (const s of series) for (let t = 0; t <= s.length; t++) { const v = symlog(s.values[t]!); if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (hi - lo < 1e-9) { hi += 0.5; lo -= 0.5; }
  const X = (t: number) => left + (t / Math.max(1, steps)) * (width - left - right);
  const Y = (v: number) => top + ((hi - symlog(v)) / (hi - lo)) * (height - top - bottom);
  ctx.fillStyle = '#333';
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = '#ccc';
  ctx.strokeRect(left, top, width - left - right, height - top - bottom);
  for (const v of [lo, (lo + hi) / 2, hi]) {
    const real = Math.sign(v) * (10 ** Math.abs(v) - 1);
    ctx.fillText(Number(real.toPrecision(2)).toString(), 2, top + ((hi - v) / (hi - lo)) * (height - top - bottom) + 4);
  }
  ctx.fillText('0', left, height - 6);
  ctx.fillText(`step ${steps}`, width - right - 60, height - 6);
  ctx.fillText(yLabel, left + 4, top + 12);
  ctx.lineWidth = 1.5;
  for (const s of series) {
    ctx.strokeStyle = s.colour;
    ctx.setLineDash(s.dashed ? [5, 3] : []);
    ctx.beginPath();
    const n = Math.min(frame, s.length);
    for (let t = 0; t <= n; t++) (t === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, X(t), Y(s.values[t]!));
    ctx.stroke();
    ctx.setLineDash([]);
    if (s.divergence !== null && s.divergence !== undefined && frame >= s.divergence) {
      ctx.fillStyle = '#c00';
      ctx.font = 'bold 14px system-ui, sans-serif';
      ctx.fillText('✕', X(s.divergence) - 5, top + 14);
      ctx.font = '11px system-ui, sans-serif';
    }
  }
  if (mark !== null) {
    ctx.strokeStyle = '#444';
    ctx.setLineDash([2, 2]);
    ctx.beginPath(); ctx.moveTo(X(mark), top); ctx.lineTo(X(mark), height - bottom); ctx.stroke();
    ctx.setLineDash([]);
  }
}

/** The step under a click on a chart drawn by drawChart. */
export function stepAt(canvas: HTMLCanvasElement, clientX: number, steps: number): number {
  const rect = canvas.getBoundingClientRect();
  const x = ((clientX - rect.left) / rect.width) * canvas.width;
  return Math.max(0, Math.min(steps, Math.round(((x - 46) / (canvas.width - 54)) * steps)));
}
