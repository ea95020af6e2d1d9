/**
 * Time bins for cluster_trends.html: `--time-bin` values (pandas-style frequencies as macro2micro takes
 * them: `30s`, `5min`, `5T`, `1h`, `1H`, `1D`, `1W`; also `5m` for minutes) and the automatic choice.
 */

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  sec: 1_000,
  S: 1_000,
  m: 60_000,
  min: 60_000,
  T: 60_000,
  h: 3_600_000,
  H: 3_600_000,
  d: 86_400_000,
  D: 86_400_000,
  w: 604_800_000,
  W: 604_800_000,
};

const BIN_RE = /^(\d+(?:\.\d+)?)?\s*(sec|min|[smhdwSTHDW])$/;

/** A bin width in milliseconds, or 'auto'. Throws a RangeError naming the flag on anything else. */
export function parseTimeBin(value: string): number | 'auto' {
  const v = value.trim();
  if (v === 'auto') return 'auto';
  const m = BIN_RE.exec(v);
  const ms = m ? Number(m[1] ?? '1') * UNIT_MS[m[2]] : NaN;
  if (!(ms >= 1_000)) throw new RangeError(`--time-bin expects auto or a width such as 30s, 5min, 1h, 1D (at least 1s), got "${value}"`);
  return ms;
}

/** Widths the automatic choice picks from: round numbers a reader recognises. */
const NICE_MS = [1, 5, 10, 30]
  .map((n) => n * 1_000)
  .concat([1, 5, 10, 15, 30].map((n) => n * 60_000))
  .concat([1, 2, 3, 6, 12].map((n) => n * 3_600_000))
  .concat([1, 7, 30].map((n) => n * 86_400_000));

/** Most bins a chart shows: a finer requested width is coarsened to keep the page small and readable. */
export const MAX_BINS = 2_000;
const AUTO_TARGET_BINS = 120;

export interface TimeBinning {
  startMs: number;
  widthMs: number;
  count: number;
  /** The width asked for, when it was coarsened to stay within MAX_BINS. */
  coarsenedFromMs?: number;
  /** Times before this or after `dropAfterMs` are far outliers, left out of the chart (see chartRange). */
  dropBeforeMs?: number;
  dropAfterMs?: number;
}

/**
 * Bins covering [minMs, maxMs]: aligned to a multiple of the width (UTC), so bins start on round times.
 * With a `range` (chartRange), the bins cover its [fromMs, toMs] and times beyond its limits are dropped.
 */
export function timeBinning(minMs: number, maxMs: number, requested: number | 'auto', range?: ChartRange): TimeBinning {
  if (range !== undefined) {
    const binning = timeBinning(range.fromMs, range.toMs, requested);
    return range.dropBeforeMs === undefined && range.dropAfterMs === undefined
      ? binning
      : {
          ...binning,
          ...(range.dropBeforeMs !== undefined ? { dropBeforeMs: range.dropBeforeMs } : {}),
          ...(range.dropAfterMs !== undefined ? { dropAfterMs: range.dropAfterMs } : {}),
        };
  }
  const span = Math.max(0, maxMs - minMs);
  let width: number;
  let coarsenedFromMs: number | undefined;
  if (requested === 'auto') {
    width = NICE_MS.find((w) => span / w <= AUTO_TARGET_BINS) ?? NICE_MS[NICE_MS.length - 1];
  } else {
    width = requested;
    if (span / width >= MAX_BINS) {
      coarsenedFromMs = requested;
      width = NICE_MS.find((w) => w > requested && span / w < MAX_BINS) ?? Math.ceil(span / (MAX_BINS - 1));
    }
  }
  const startMs = Math.floor(minMs / width) * width;
  const count = Math.floor((maxMs - startMs) / width) + 1;
  return { startMs, widthMs: width, count, ...(coarsenedFromMs !== undefined ? { coarsenedFromMs } : {}) };
}

/** The bin of a time; -1 for a far outlier the chart leaves out; times just outside go to the edge bins. */
export function binIndex(binning: TimeBinning, ms: number): number {
  if ((binning.dropBeforeMs !== undefined && ms < binning.dropBeforeMs) || (binning.dropAfterMs !== undefined && ms > binning.dropAfterMs)) return -1;
  const i = Math.floor((ms - binning.startMs) / binning.widthMs);
  return i < 0 ? 0 : i >= binning.count ? binning.count - 1 : i;
}

/** `90000` → `1.5min`, `3600000` → `1h`: for messages and chart titles. */
export function formatWidth(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1_000],
  ] as const) {
    if (ms >= size) return `${Number((ms / size).toFixed(2))}${unit}`;
  }
  return `${ms}ms`;
}

/** How many event times the sample keeps: enough for percentiles, bounded whatever the input size. */
export const TIME_SAMPLE_SIZE = 10_000;

/**
 * A uniform sample of event times (reservoir sampling with a fixed seed, so a rerun charts the same
 * range): exact while there are at most `capacity` times.
 */
export class TimeSample {
  private readonly values: Float64Array;
  private seen = 0;
  private seed = 0x9e3779b9;

  constructor(readonly capacity = TIME_SAMPLE_SIZE) {
    this.values = new Float64Array(capacity);
  }

  add(ms: number): void {
    if (this.seen < this.capacity) {
      this.values[this.seen++] = ms;
      return;
    }
    this.seen++;
    const j = Math.floor(this.random() * this.seen);
    if (j < this.capacity) this.values[j] = ms;
  }

  /** The sampled times in ascending order. */
  sorted(): Float64Array {
    return this.values.slice(0, Math.min(this.seen, this.capacity)).sort();
  }

  private random(): number {
    // xorshift32: deterministic and fast; quality is ample for sampling.
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed / 4_294_967_296;
  }
}

/** The span the trend chart covers, and the limits beyond which times are far outliers. */
export interface ChartRange {
  fromMs: number;
  toMs: number;
  dropBeforeMs?: number;
  dropAfterMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * The chart's span: all event times, except far outliers that would squeeze the rest into a few bins
 * (one line dated 1999 in a day of 2024 logs, a mis-shifted column holding a date). With p1 and p99 the
 * 1st and 99th percentiles of the times and core = p99 − p1 (at least one hour), a time before
 * p1 − core or after p99 + core is left out of the chart (the page says how many). The span then runs
 * from the earliest to the latest time kept (in the sample, which is exact up to TIME_SAMPLE_SIZE times;
 * beyond, the few kept times outside it are counted in the edge bins).
 */
export function chartRange(minMs: number, maxMs: number, sample: TimeSample): ChartRange {
  const sorted = sample.sorted();
  if (sorted.length === 0) return { fromMs: minMs, toMs: maxMs };
  const last = sorted.length - 1;
  const p1 = sorted[Math.floor(0.01 * last)];
  const p99 = sorted[Math.ceil(0.99 * last)];
  const core = Math.max(p99 - p1, HOUR_MS);
  const range: ChartRange = { fromMs: minMs, toMs: maxMs };
  const low = p1 - core;
  const high = p99 + core;
  if (minMs < low) {
    range.dropBeforeMs = low;
    range.fromMs = sorted.find((ms) => ms >= low) ?? p1;
  }
  if (maxMs > high) {
    range.dropAfterMs = high;
    let i = last;
    while (i > 0 && sorted[i] > high) i--;
    range.toMs = sorted[i];
  }
  return range;
}

/** `before 2019-11-20 08:00 UTC or after …`: the limits of a binning's left-out times, for notes. */
export function droppedTimesText(binning: TimeBinning): string {
  const at = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const parts: string[] = [];
  if (binning.dropBeforeMs !== undefined) parts.push(`before ${at(binning.dropBeforeMs)}`);
  if (binning.dropAfterMs !== undefined) parts.push(`after ${at(binning.dropAfterMs)}`);
  return parts.join(' or ');
}
