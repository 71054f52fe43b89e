/** The lab's state, shared by the panels: one LabState, mirrored into the URL (replaceState) on every settled change. */
import { encodeState, type LabState } from '../url-state.ts';

export interface Store {
  readonly state: LabState;
  /** Changes the state; `structural` asks panels to rebuild their controls (not only redraw). */
  update(change: (s: LabState) => void, options?: { structural?: boolean; url?: boolean }): void;
  /** Calls `listener` after every change; returns what stops it. */
  subscribe(listener: (structural: boolean) => void): () => void;
  /** The link that reproduces the current setup. */
  link(): string;
}

export function createStore(initial: LabState): Store {
  const listeners: ((structural: boolean) => void)[] = [];
  const state = initial;
  const link = () => `${location.origin}${location.pathname}?${encodeState(state)}`;
  return {
    state,
    link,
    update(change, options = {}) {
      change(state);
      if (options.url !== false) history.replaceState(null, '', `?${encodeState(state)}`);
      for (const l of [...listeners]) l(options.structural === true);
    },
    subscribe(listener) {
      listeners.push(listener);
      return () => {
        const k = listeners.indexOf(listener);
        if (k >= 0) listeners.splice(k, 1);
      };
    },
  };
}
