// Bursts: "N events of one cluster (or one entity value) within W minutes", and more than `factor`
// times the usual rate of that key over the preceding history, so a steadily busy key is not a burst.
// One alert per key per window.
import { AlertWindows, type AlertWindowsState } from './alert-windows.js';

export interface BurstOptions {
  windowMinutes: number;
  minEvents: number;
  /** The window must hold this many times the mean count of a window over the history. */
  factor: number;
  historyMinutes: number;
}

export const DEFAULT_BURST_OPTIONS: BurstOptions = { windowMinutes: 5, minEvents: 50, factor: 5, historyMinutes: 60 };

export interface Burst {
  key: string;
  count: number;
  windowMinutes: number;
  /** Mean events per window over the history before it (0 when the key is new). */
  usual: number;
}

export class BurstDetector {
  private readonly windows: AlertWindows;

  constructor(readonly options: BurstOptions = DEFAULT_BURST_OPTIONS) {
    this.windows = new AlertWindows((options.windowMinutes + options.historyMinutes) * 60_000, options.windowMinutes * 60_000);
  }

  add(key: string, timeMs: number, count = 1): void {
    this.windows.counter.add(key, timeMs, count);
  }

  /** Checks a key at a time (after adding the events up to it); a burst is reported once per window. */
  check(key: string, timeMs: number): Burst | undefined {
    const windowMs = this.options.windowMinutes * 60_000;
    const count = this.windows.counter.count(key, timeMs, windowMs);
    if (count < this.options.minEvents) return undefined;
    const last = this.windows.lastAlertMs.get(key);
    if (last !== undefined && timeMs - last < windowMs) return undefined;
    const historyMs = this.options.historyMinutes * 60_000;
    const before = this.windows.counter.count(key, timeMs - windowMs, historyMs);
    const usual = before / (historyMs / windowMs);
    if (count < this.options.factor * usual) return undefined;
    this.windows.lastAlertMs.set(key, timeMs);
    return { key, count, windowMinutes: this.options.windowMinutes, usual };
  }

  prune(): void {
    this.windows.prune();
  }

  state(): AlertWindowsState {
    return this.windows.state();
  }

  restore(state: AlertWindowsState): void {
    this.windows.restore(state);
  }
}
