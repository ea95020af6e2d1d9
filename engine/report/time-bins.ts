/**
 * Time bins for cluster_trends.html: `--time-bin` values (pandas-style frequencies as macro2micro takes
 * them: `30s`, `5min`, `5T`, `1h`, `1H`, `1D`, `1W`; also `5m` for minutes) and the automatic choice.
 */

const UNIT_MS: Record<string, number> = {
  s: 1_000, sec: 1_000, S: 1_000,
  m: 60_000, min: 60_000, T: 60_000,
  h: 3_600_000, H: 3_600_000,
  d: 86_400_000, D: 86_400_000,
  w: 604_800_000, W: 604_800_000,
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
const NICE_MS = [1, 5, 10, 30].map((n) => n * 1_000)
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
}

/** Bins covering [minMs, maxMs]: aligned to a multiple of the width (UTC), so bins start on round times. */
export function timeBinning(minMs: number, maxMs: number, requested: number | 'auto'): TimeBinning {
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

export function binIndex(binning: TimeBinning, ms: number): number {
  const i = Math.floor((ms - binning.startMs) / binning.widthMs);
  return i < 0 ? 0 : i >= binning.count ? binning.count - 1 : i;
}

/** `90000` → `1.5min`, `3600000` → `1h`: for messages and chart titles. */
export function formatWidth(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1_000]] as const) {
    if (ms >= size) return `${Number((ms / size).toFixed(2))}${unit}`;
  }
  return `${ms}ms`;
}
