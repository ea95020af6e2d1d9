// What the windowed detectors (bursts, rule thresholds) keep: event counts per key in time slots, and
// when each key last alerted (one alert per key per window). Both are saved with a watch's cursor.
import { WindowCounter, type WindowCounterState } from './window-counter.js';

export interface AlertWindowsState {
  counter: WindowCounterState;
  lastAlertMs: Array<[key: string, ms: number]>;
}

export class AlertWindows {
  readonly counter: WindowCounter;
  readonly lastAlertMs = new Map<string, number>();

  /** `spanMs`: how far back counts are kept; `alertWindowMs`: how long a key's last alert matters. */
  constructor(
    spanMs: number,
    private readonly alertWindowMs: number,
  ) {
    this.counter = new WindowCounter(spanMs);
  }

  /** Forgets counts past the span and alerts past their window, behind the newest event; once per batch. */
  prune(): void {
    this.counter.prune();
    const newest = this.counter.newest;
    for (const [key, ms] of this.lastAlertMs) if (ms < newest - this.alertWindowMs) this.lastAlertMs.delete(key);
  }

  state(): AlertWindowsState {
    return { counter: this.counter.state(), lastAlertMs: [...this.lastAlertMs] };
  }

  restore(state: AlertWindowsState): void {
    this.counter.restore(state.counter);
    this.lastAlertMs.clear();
    for (const [key, ms] of state.lastAlertMs) this.lastAlertMs.set(key, ms);
  }
}
