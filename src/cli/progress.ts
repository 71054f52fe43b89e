/**
 * Progress on stderr: a bar with a rate and an ETA, redrawn in place, when stderr is a
 * terminal; nothing at all otherwise (commands print their own per-epoch or per-run lines,
 * which are the quiet form).
 */
export interface ProgressBar {
  /** Sets the position (done of total) and an optional short status after the bar. */
  update(done: number, total: number, status?: string): void;
  /** Erases the bar so a normal line can be printed. */
  clear(): void;
}

const WIDTH = 28;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Steps timed before the rate counts: the first ones pay for compiling and allocating, and would inflate the ETA. */
export const WARM_UP_STEPS = 3;

/**
 * Seconds left at `done` of `total`, from the rate since the warm-up steps (Infinity until
 * there is one). A `done` that goes back (a new epoch) starts over.
 */
export function createEtaEstimator(warmUp = WARM_UP_STEPS): (done: number, total: number, nowMs: number) => number {
  let previous = -1;
  let anchor: { done: number; at: number } | null = null;
  return (done, total, nowMs) => {
    if (done < previous) anchor = null;
    previous = done;
    if (anchor === null) {
      if (done >= Math.min(warmUp, total)) anchor = { done, at: nowMs };
      return Infinity;
    }
    const rate = (done - anchor.done) / Math.max((nowMs - anchor.at) / 1000, 1e-9);
    return rate > 0 ? (total - done) / rate : Infinity;
  };
}

export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, clear: () => {} };
  const etaAt = createEtaEstimator();
  let lastDraw = 0;
  let visible = false;
  return {
    update(done, total, status = '') {
      const now = Date.now();
      const eta = etaAt(done, total, now);
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const fraction = total > 0 ? done / total : 0;
      const line = `${label} ${bar(fraction, WIDTH)} ${done}/${total} ETA ${formatDuration(eta)} ${status}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1)}\x1b[K`);
      visible = true;
    },
    clear() {
      if (visible) stream.write('\r\x1b[K');
      visible = false;
    },
  };
}

/** Several lines redrawn in place on a terminal (e.g. the sweep's bar and the current runs'); nothing otherwise. */
export interface ProgressPanel {
  draw(lines: readonly string[]): void;
  clear(): void;
}

export function createProgressPanel(stream: NodeJS.WriteStream = process.stderr): ProgressPanel {
  if (!stream.isTTY) return { draw: () => {}, clear: () => {} };
  let shown = 0;
  let lastDraw = 0;
  const erase = () => {
    if (shown > 0) stream.write(`\x1b[${shown}F\x1b[J`);
    shown = 0;
  };
  return {
    draw(lines) {
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      erase();
      const width = (stream.columns ?? 100) - 1;
      stream.write(lines.map((l) => l.slice(0, width)).join('\n') + '\n');
      shown = lines.length;
    },
    clear: erase,
  };
}

/** A text bar of `fraction` (0..1). */
export function bar(fraction: number, width = 24): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

