// The /volumes answer written as JSON text straight from the per-cluster arrays: a day at 5 min is a few
// thousand [t, v] pairs, and making an array per pair for the schema serializer to walk cost the thread
// that answers HTTP more than the sums did. The text is what the route's response schema
// (api-schemas.ts schemas.volumes) makes of the same answer, byte for byte (volumes-json.test.ts):
// its fields in the schema's order, strings as JSON.stringify writes them, numbers as String(n) (the
// counts are finite).

export interface VolumeSeries {
  cluster: string;
  label: string;
  /** Point i is the step starting at starts[i]. */
  points: Float64Array;
}

export function volumesJson(step: number, starts: readonly number[], series: readonly VolumeSeries[]): string {
  // Each step's "[t," once, not once per series.
  const heads = starts.map((t) => `[${t},`);
  let out = `{"step":${step},"series":[`;
  for (let k = 0; k < series.length; k++) {
    const { cluster, label, points } = series[k];
    const labelJson = JSON.stringify(label);
    out += `${k === 0 ? '' : ','}{"cluster":${JSON.stringify(cluster)},"label":${labelJson},"clusterLabel":${labelJson},"points":[`;
    for (let i = 0; i < heads.length; i++) out += `${i === 0 ? '' : ','}${heads[i]}${points[i]}]`;
    out += ']}';
  }
  return `${out}]}`;
}
