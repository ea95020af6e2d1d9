import { DataFrame } from '@grafana/data';

// Pure logic of the pattern map: reading the scatter frame, the view transform (zoom/pan) and hit
// testing through a grid index, so hover stays fast with thousands of points.

export interface PatternPoint {
  pattern: string;
  x: number;
  y: number;
  cluster: string;
  /** Readable cluster name (the frame's clusterLabel), else the cluster id. */
  clusterLabel: string;
  count: number;
  canonical: string;
}

export interface View {
  scale: number; // screen px per data unit
  tx: number; // screen x of data x = 0
  ty: number; // screen y of data y = 0 (y grows downwards on screen)
}

/** Reads the "scatter" frame (pattern, x, y, cluster, count, canonical). Undefined when it is not one. */
export function pointsFromFrame(frame: DataFrame | undefined): PatternPoint[] | undefined {
  if (!frame) {
    return undefined;
  }
  const f = (name: string) => frame.fields.find((fl) => fl.name === name);
  const [pattern, x, y] = [f('pattern'), f('x'), f('y')];
  if (!pattern || !x || !y) {
    return undefined;
  }
  const cluster = f('cluster');
  const clusterLabel = f('clusterLabel');
  const count = f('count');
  const canonical = f('canonical');
  const out: PatternPoint[] = [];
  for (let i = 0; i < frame.length; i++) {
    const px = Number(x.values[i]);
    const py = Number(y.values[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      continue;
    }
    const id = cluster ? String(cluster.values[i] ?? 'noise') : 'noise';
    out.push({
      pattern: String(pattern.values[i]),
      x: px,
      y: py,
      cluster: id,
      clusterLabel: clusterLabel?.values[i] ? String(clusterLabel.values[i]) : id,
      count: count ? Number(count.values[i]) || 1 : 1,
      canonical: canonical ? String(canonical.values[i] ?? '') : '',
    });
  }
  return out;
}

/** The view that fits every point into width×height with a margin. */
export function fitView(points: PatternPoint[], width: number, height: number, margin = 16): View {
  if (points.length === 0 || width <= 0 || height <= 0) {
    return { scale: 1, tx: width / 2, ty: height / 2 };
  }
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  // centre; data y up = screen y up, so flip y
  return { scale, tx: width / 2 - ((minX + maxX) / 2) * scale, ty: height / 2 + ((minY + maxY) / 2) * scale };
}

export function toScreen(v: View, p: { x: number; y: number }): [number, number] {
  return [v.tx + p.x * v.scale, v.ty - p.y * v.scale];
}

/** Zooms by factor keeping the data point under (sx, sy) where it is. */
export function zoomAt(v: View, factor: number, sx: number, sy: number): View {
  const scale = Math.min(Math.max(v.scale * factor, 1e-6), 1e9);
  const f = scale / v.scale;
  return { scale, tx: sx - (sx - v.tx) * f, ty: sy - (sy - v.ty) * f };
}

export function panBy(v: View, dx: number, dy: number): View {
  return { ...v, tx: v.tx + dx, ty: v.ty + dy };
}

/** Point radius in px from its event count (log scale, 2..9). */
export function radiusOf(count: number): number {
  return Math.min(9, 2 + Math.log2(Math.max(1, count)) * 0.7);
}

/** Grid index of screen positions for hit testing. */
export class ScreenGrid {
  private cells = new Map<string, number[]>();
  constructor(
    private readonly xs: Float64Array,
    private readonly ys: Float64Array,
    private readonly cell = 24,
  ) {
    for (let i = 0; i < xs.length; i++) {
      const k = this.key(xs[i], ys[i]);
      const list = this.cells.get(k);
      if (list) {
        list.push(i);
      } else {
        this.cells.set(k, [i]);
      }
    }
  }

  static build(points: PatternPoint[], v: View): ScreenGrid {
    const xs = new Float64Array(points.length);
    const ys = new Float64Array(points.length);
    points.forEach((p, i) => {
      [xs[i], ys[i]] = toScreen(v, p);
    });
    return new ScreenGrid(xs, ys);
  }

  private key(x: number, y: number) {
    return `${Math.floor(x / this.cell)},${Math.floor(y / this.cell)}`;
  }

  /** Index of the nearest point within maxDist px of (sx, sy), or -1. */
  nearest(sx: number, sy: number, maxDist = 10, visible?: (i: number) => boolean): number {
    const cx = Math.floor(sx / this.cell);
    const cy = Math.floor(sy / this.cell);
    const reach = Math.ceil(maxDist / this.cell);
    let best = -1;
    let bestD = maxDist * maxDist;
    for (let gx = cx - reach; gx <= cx + reach; gx++) {
      for (let gy = cy - reach; gy <= cy + reach; gy++) {
        for (const i of this.cells.get(`${gx},${gy}`) ?? []) {
          if (visible && !visible(i)) {
            continue;
          }
          const d = (this.xs[i] - sx) ** 2 + (this.ys[i] - sy) ** 2;
          if (d <= bestD) {
            bestD = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

  position(i: number): [number, number] {
    return [this.xs[i], this.ys[i]];
  }
}

/** Clusters ordered by total events (largest first), noise last; colours follow this order. */
export function clusterOrder(points: PatternPoint[]): string[] {
  const totals = new Map<string, number>();
  for (const p of points) {
    totals.set(p.cluster, (totals.get(p.cluster) ?? 0) + p.count);
  }
  return [...totals.entries()].sort((a, b) => (a[0] === 'noise' ? 1 : b[0] === 'noise' ? -1 : b[1] - a[1] || a[0].localeCompare(b[0]))).map(([c]) => c);
}
