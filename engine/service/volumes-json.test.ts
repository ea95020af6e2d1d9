import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { schemas } from './api-schemas.js';
import { volumesJson, type VolumeSeries } from './volumes-json.js';

/** What the route's response schema makes of the answer as an object (Fastify's own serializer). */
async function schemaSerialized(step: number, starts: number[], series: VolumeSeries[]): Promise<string> {
  const app = Fastify({ logger: false });
  app.get('/volumes', { schema: { response: schemas.volumes.response } }, async () => ({
    step,
    series: series.map((s) => ({ cluster: s.cluster, label: s.label, clusterLabel: s.label, points: starts.map((t, i) => [t, s.points[i]]) })),
  }));
  const res = await app.inject({ method: 'GET', url: '/volumes' });
  await app.close();
  assert.equal(res.statusCode, 200);
  return res.body;
}

test('the hand-written /volumes JSON is byte for byte what the response schema serializes', async () => {
  const step = 300;
  const starts = Array.from({ length: 288 }, (_, i) => 1_796_398_500_000 + i * 300_000);
  const points = (f: (i: number) => number) => Float64Array.from(starts, (_, i) => f(i));
  const series: VolumeSeries[] = [
    { cluster: 'c12', label: 'sshd: Failed password for <*> from <IP>', points: points((i) => (i * 7919) % 1000) },
    // Quotes, backslashes, control characters, a lone surrogate, non-ASCII, a long label.
    { cluster: 'c3', label: 'say "hi" \\ to\tthe\nlog \u0001 \ud800 café 日本 🚀', points: points((i) => (i % 3 === 0 ? 0 : i * 1_000_003)) },
    { cluster: 'c4', label: `${'long label without escapes, '.repeat(4)}é`, points: points(() => 0) },
    { cluster: 'noise', label: 'patterns in no cluster', points: points((i) => (i === 287 ? 2 ** 53 : 1e21 + i)) },
    // Not counts, but the number format must agree anyway.
    { cluster: 'c7', label: 'x', points: points((i) => i / 7) },
    { cluster: 'other', label: '290 other clusters', points: points((i) => i * 41) },
  ];
  const json = volumesJson(step, starts, series);
  assert.equal(json, await schemaSerialized(step, starts, series));
  // Not vacuous: the answer has every series with every point.
  const parsed = JSON.parse(json);
  assert.deepEqual(
    parsed.series.map((s: { cluster: string; points: number[][] }) => [s.cluster, s.points.length]),
    series.map((s) => [s.cluster, 288]),
  );
  assert.equal(parsed.series[1].label, series[1].label);
});

test('an answer with no series is written as the schema writes it', async () => {
  const starts = [0, 60_000];
  assert.equal(volumesJson(60, starts, []), await schemaSerialized(60, starts, []));
  assert.equal(volumesJson(60, starts, []), '{"step":60,"series":[]}');
});
