import { DataFrame } from '@grafana/data';

/** One row of the "outliers" frame (pkg/plugin/frames.go OutliersFrame), as the action list uses it. */
export interface OutlierRow {
  timeMs: number;
  score: number;
  kind: string;
  reasons: string;
  line: string;
  cluster?: string;
  /** Readable cluster name (clusterLabel field), else the cluster id. */
  clusterName?: string;
  pattern?: string;
  exploreUrl?: string;
}

/** Rows of the outliers frame, highest score first; [] when the frame is not the outliers one. */
export function outlierRows(frame: DataFrame | undefined): OutlierRow[] {
  const f = (name: string) => frame?.fields.find((fl) => fl.name === name);
  const line = f('line');
  const score = f('score');
  if (!frame || !line || !score) {
    return [];
  }
  const str = (name: string, i: number) => {
    const v = f(name)?.values[i];
    return v === null || v === undefined || v === '' ? undefined : String(v);
  };
  const rows: OutlierRow[] = [];
  for (let i = 0; i < frame.length; i++) {
    const cluster = str('cluster', i);
    rows.push({
      timeMs: Number(f('time')?.values[i] ?? 0),
      score: Number(score.values[i]),
      kind: str('kind', i) ?? '',
      reasons: str('reasons', i) ?? '',
      line: String(line.values[i] ?? ''),
      cluster,
      clusterName: str('clusterLabel', i) ?? cluster,
      pattern: str('pattern', i),
      exploreUrl: str('exploreUrl', i),
    });
  }
  return rows.sort((a, b) => b.score - a.score || b.timeMs - a.timeMs);
}

/** The cluster a "mark normal" can target: a real cluster, not noise or none. */
export function markableCluster(row: OutlierRow): string | undefined {
  return row.cluster && row.cluster !== 'noise' ? row.cluster : undefined;
}
