/** Whether ops record the graph. `noGrad(fn)` runs fn without recording, as torch.no_grad. */
let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

function withGradMode<T>(flag: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = flag;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs fn recording the graph, even inside noGrad (torch.enable_grad): grad() evaluates its function so. */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}
