import React, { KeyboardEvent, PointerEvent, useCallback, useEffect, useMemo, useRef, useState, WheelEvent } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { PointActions } from './PointActions';
import { clusterOrder, fitView, panBy, PatternPoint, pointsFromFrame, radiusOf, ScreenGrid, toScreen, View, zoomAt } from './scatterModel';

// The pattern map has no options yet: everything is interactive.
export type ScatterOptions = Record<string, never>;

export interface PatternMapProps {
  points: PatternPoint[];
  width: number;
  height: number;
  /** Called when a point is clicked or chosen with Enter. */
  onSelect: (p: PatternPoint) => void;
}

/** Colour per cluster from the theme's palette; noise in the disabled text colour. */
export function clusterColors(theme: GrafanaTheme2, clusters: string[]): Map<string, string> {
  const palette = theme.visualization.palette;
  const out = new Map<string, string>();
  let i = 0;
  for (const c of clusters) {
    out.set(c, c === 'noise' ? theme.colors.text.disabled : theme.visualization.getColorByName(palette[i++ % palette.length]));
  }
  return out;
}

/** The canvas map: wheel or +/- zoom, drag or arrow keys pan, 0 resets, hover shows the pattern. */
export function PatternMap({ points, width, height, onSelect }: PatternMapProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const legendHeight = 28;
  const mapHeight = Math.max(40, height - legendHeight);
  const [view, setView] = useState<View>(() => fitView(points, width, mapHeight));
  const [hover, setHover] = useState(-1);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);

  const clusters = useMemo(() => clusterOrder(points), [points]);
  const labels = useMemo(() => new Map(points.map((p) => [p.cluster, p.clusterLabel])), [points]);
  const colors = useMemo(() => clusterColors(theme, clusters), [theme, clusters]);
  const grid = useMemo(() => ScreenGrid.build(points, view), [points, view]);
  const visible = useCallback((i: number) => !hidden.has(points[i].cluster), [hidden, points]);

  // new points or a new size fit the view again (adjusted while rendering, not in an effect)
  const [fitted, setFitted] = useState({ points, width, mapHeight });
  if (fitted.points !== points || fitted.width !== width || fitted.mapHeight !== mapHeight) {
    setFitted({ points, width, mapHeight });
    setView(fitView(points, width, mapHeight));
  }

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) {
      return;
    }
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(mapHeight * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, mapHeight);
    ctx.globalAlpha = 0.75;
    // one path per cluster: thousands of points stay fluid
    for (const c of clusters) {
      if (hidden.has(c)) {
        continue;
      }
      ctx.fillStyle = colors.get(c)!;
      ctx.beginPath();
      points.forEach((p, i) => {
        if (p.cluster !== c) {
          return;
        }
        const [x, y] = grid.position(i);
        if (x < -10 || y < -10 || x > width + 10 || y > mapHeight + 10) {
          return;
        }
        const r = radiusOf(p.count);
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, Math.PI * 2);
      });
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    if (hover >= 0) {
      const [x, y] = grid.position(hover);
      ctx.strokeStyle = theme.colors.text.primary;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x, y, radiusOf(points[hover].count) + 3, 0, Math.PI * 2);
      ctx.stroke();
    }
  }, [points, grid, clusters, colors, hidden, hover, width, mapHeight, theme]);

  const local = (e: { clientX: number; clientY: number }) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };

  const onWheel = (e: WheelEvent<HTMLCanvasElement>) => {
    const [x, y] = local(e);
    setView((v) => zoomAt(v, Math.exp(-e.deltaY * 0.0015), x, y));
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    drag.current = { x: e.clientX, y: e.clientY, moved: false };
    canvasRef.current?.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (d && (d.moved || Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > 3)) {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      drag.current = { x: e.clientX, y: e.clientY, moved: true };
      setView((v) => panBy(v, dx, dy));
      return;
    }
    const [x, y] = local(e);
    setHover(grid.nearest(x, y, 10, visible));
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (d && !d.moved) {
      const [x, y] = local(e);
      const i = grid.nearest(x, y, 10, visible);
      if (i >= 0) {
        onSelect(points[i]);
      }
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const step = 40;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => setView((v) => panBy(v, step, 0)),
      ArrowRight: () => setView((v) => panBy(v, -step, 0)),
      ArrowUp: () => setView((v) => panBy(v, 0, step)),
      ArrowDown: () => setView((v) => panBy(v, 0, -step)),
      '+': () => setView((v) => zoomAt(v, 1.25, width / 2, mapHeight / 2)),
      '=': () => setView((v) => zoomAt(v, 1.25, width / 2, mapHeight / 2)),
      '-': () => setView((v) => zoomAt(v, 0.8, width / 2, mapHeight / 2)),
      '0': () => setView(fitView(points, width, mapHeight)),
      // n / p walk through the points by size, Enter opens the focused one
      n: () => setHover((h) => nextBySize(points, h, 1, visible)),
      p: () => setHover((h) => nextBySize(points, h, -1, visible)),
      Enter: () => hover >= 0 && onSelect(points[hover]),
    };
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };

  const hovered = hover >= 0 ? points[hover] : undefined;
  const [hx, hy] = hovered ? toScreen(view, hovered) : [0, 0];

  return (
    <div className={styles.wrap} style={{ width, height }}>
      <canvas
        ref={canvasRef}
        data-testid="logatlas-pattern-map"
        className={styles.canvas}
        style={{ width, height: mapHeight, cursor: hovered ? 'pointer' : 'grab' }}
        tabIndex={0}
        role="img"
        aria-label={`Map of ${points.length} log patterns in ${clusters.length} groups. Arrow keys pan, + and - zoom, 0 resets, n and p step through patterns, Enter offers similar events and feedback.`}
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(-1)}
        onKeyDown={onKeyDown}
      />
      {hovered && (
        <div
          className={styles.tooltip}
          role="status"
          data-testid="logatlas-map-tooltip"
          style={{ left: Math.min(hx + 12, width - 260), top: Math.max(0, Math.min(hy + 12, mapHeight - 70)) }}
        >
          <div className={styles.canonical}>{hovered.canonical || hovered.pattern}</div>
          <div>
            {hovered.count.toLocaleString()} event{hovered.count === 1 ? '' : 's'} · cluster {hovered.clusterLabel}
          </div>
          <div className={styles.hint}>click or Enter: similar events, feedback</div>
        </div>
      )}
      <div className={styles.legend} role="group" aria-label="Clusters (toggle to hide)">
        {clusters.slice(0, 12).map((c) => (
          <button
            key={c}
            type="button"
            className={styles.legendItem}
            aria-pressed={!hidden.has(c)}
            onClick={() => setHidden((h) => toggled(h, c))}
            style={{ opacity: hidden.has(c) ? 0.4 : 1 }}
          >
            <span className={styles.swatch} style={{ background: colors.get(c) }} />
            {labels.get(c) ?? c}
          </button>
        ))}
      </div>
    </div>
  );
}

function toggled(s: Set<string>, c: string): Set<string> {
  const n = new Set(s);
  if (n.has(c)) {
    n.delete(c);
  } else {
    n.add(c);
  }
  return n;
}

function nextBySize(points: PatternPoint[], current: number, dir: 1 | -1, visible: (i: number) => boolean): number {
  const order = points
    .map((_, i) => i)
    .filter(visible)
    .sort((a, b) => points[b].count - points[a].count || a - b);
  if (order.length === 0) {
    return -1;
  }
  const at = order.indexOf(current);
  return order[(at + dir + order.length) % order.length] ?? order[0];
}

/** The panel: draws the "Pattern map" query's frame; a click (or Enter) offers what to do about the pattern. */
export function ScatterPanel({ data, width, height, replaceVariables }: PanelProps<ScatterOptions>) {
  const styles = useStyles2(getStyles);
  const frame = data.series.find((f) => f.fields.some((fl) => fl.name === 'x')) ?? data.series[0];
  const points = useMemo(() => pointsFromFrame(frame), [frame]);
  const target = data.request?.targets?.[0] as { watch?: string; datasource?: { uid?: string } } | undefined;
  const [selected, setSelected] = useState<PatternPoint | undefined>();

  if (!frame) {
    return (
      <div className={styles.empty}>
        No data. Choose the Log Atlas data source with the query type <b>Pattern map</b> and a watch.
      </div>
    );
  }
  if (!points) {
    return (
      <div className={styles.empty}>
        This panel draws the Log Atlas <b>Pattern map</b> query (fields pattern, x, y). Change the query type to Pattern map.
      </div>
    );
  }
  if (points.length === 0) {
    return <div className={styles.empty}>The watch has no patterns yet. They appear once the engine has read and clustered its first lines.</div>;
  }
  return (
    <div className={styles.wrap} style={{ width, height }}>
      <PatternMap points={points} width={width} height={height} onSelect={setSelected} />
      {selected && (
        <PointActions
          key={selected.pattern}
          point={selected}
          watch={target?.watch ? replaceVariables(target.watch) : undefined}
          datasourceUid={target?.datasource?.uid ? replaceVariables(target.datasource.uid) : undefined}
          onClose={() => setSelected(undefined)}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ position: 'relative', overflow: 'hidden' }),
  canvas: css({ display: 'block', '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` } }),
  tooltip: css({
    position: 'absolute',
    maxWidth: 260,
    pointerEvents: 'none',
    padding: theme.spacing(0.75, 1),
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.primary,
  }),
  canonical: css({ fontFamily: theme.typography.fontFamilyMonospace, wordBreak: 'break-all', marginBottom: 2 }),
  hint: css({ color: theme.colors.text.secondary }),
  legend: css({ display: 'flex', gap: theme.spacing(1), height: 28, alignItems: 'center', overflowX: 'auto', whiteSpace: 'nowrap' }),
  legendItem: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: 4,
    background: 'none',
    border: 'none',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    cursor: 'pointer',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  }),
  swatch: css({ width: 10, height: 10, borderRadius: '50%', display: 'inline-block' }),
  empty: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    padding: theme.spacing(2),
    textAlign: 'center',
    color: theme.colors.text.secondary,
  }),
});
