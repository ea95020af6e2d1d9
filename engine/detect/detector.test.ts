import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { embeddingText } from '../canonical/embedding-text.js';
import { createCanonicalizer } from '../canonical/index.js';
import { TransformersEmbedder } from '../embed/minilm.js';
import { developmentModelDir } from '../embed/model-location.js';
import type { LogEvent } from '../events/event.js';
import { VectorIndex } from '../index/vector-index.js';
import { PatternTable } from '../patterns/pattern-table.js';
import { DEFAULT_THRESHOLD, Detector } from './detector.js';
import { nearestExample, similarToLine, type QueryContext } from './similar.js';

let ctx: QueryContext;
const canonicalizer = createCanonicalizer();
const BASELINE = [
  'Accepted publickey for deploy from 10.1.2.3 port 50022 ssh2',
  'Failed password for root from 10.0.0.5 port 22 ssh2',
  'Connection closed by 10.0.0.2 port 40000 [preauth]',
  'CRON[123]: (root) CMD (/usr/local/bin/backup.sh)',
];

function ev(text: string, seq = 1): LogEvent {
  return { raw: text, text, labels: {}, metadata: {}, seq, origin: 'mem' };
}

before(async () => {
  const embedder = await TransformersEmbedder.load({ modelDir: process.env.LOGATLAS_MODEL_DIR ?? developmentModelDir(), dtype: 'q8' });
  const patterns = new PatternTable();
  BASELINE.forEach((l, i) => patterns.add(ev(l, i + 1), canonicalizer.canonicalize(l)));
  const all = [...patterns.all()];
  const index = VectorIndex.create(embedder.dim);
  index.add(
    all.map((p) => p.key),
    await embedder.embed(all.map((p) => embeddingText(p.canonical))),
  );
  ctx = { canonicalizer, embedder, patterns, index };
});
after(async () => ctx.embedder.close());

test('a line of a known form is known at distance 0; an unrelated one is flagged with its reason', async () => {
  const [known, panic] = await new Detector(ctx).detect([
    ev('Failed password for root from 10.9.9.9 port 4444 ssh2', 1),
    ev('Kernel panic - not syncing: Fatal exception in interrupt', 2),
  ]);
  assert.equal(known.known, true);
  assert.equal(known.distance, 0);
  assert.equal(known.flagged, false);
  assert.equal(known.nearest!.canonical, canonicalizer.canonicalize(BASELINE[1]).canonical);
  assert.equal(panic.known, false);
  assert.equal(panic.flagged, true);
  assert.ok(panic.distance > DEFAULT_THRESHOLD, `distance ${panic.distance}`);
  assert.match(
    panic.reasons[0],
    new RegExp(`^unlike anything known: nearest known pattern ".+" \\(seen 1×\\) at distance 0\\.\\d{3} > threshold ${DEFAULT_THRESHOLD}$`),
  );
});

test('a new wording of a known event passes at the default threshold and is flagged at a strict one', async () => {
  const line = ev('Failed password for invalid user admin from 10.0.0.8 port 22 ssh2');
  const [loose] = await new Detector(ctx).detect([line]);
  assert.equal(loose.known, false, loose.canonical);
  assert.equal(loose.flagged, false);
  assert.match(loose.reasons[0], /^a new kind of event, close to a known one: nearest known pattern/);
  assert.match(loose.nearest!.canonical, /^Failed password/);
  const [strict] = await new Detector(ctx, { threshold: loose.distance / 2 }).detect([line]);
  assert.equal(strict.flagged, true);
});

test('an empty baseline flags everything and says why; a bad threshold is refused', async () => {
  const empty: QueryContext = { ...ctx, patterns: new PatternTable(), index: VectorIndex.create(ctx.embedder.dim) };
  const [d] = await new Detector(empty).detect([ev('anything at all')]);
  assert.equal(d.flagged, true);
  assert.deepEqual(d.reasons, ['nothing is known to compare with']);
  assert.throws(() => new Detector(ctx, { threshold: 3 }), RangeError);
});

test('similar reads a pasted line as the text reader does: a [source] prefix is not part of the message', async () => {
  const [hit] = await similarToLine(ctx, '[auth] Failed password for root from 10.1.1.1 port 2200 ssh2', 1);
  assert.equal(hit.pattern.canonical, canonicalizer.canonicalize(BASELINE[1]).canonical);
  // The same text; q8 vectors differ slightly with batch padding, so not exactly 0.
  assert.ok(hit.distance < 0.02, `distance ${hit.distance}`);
});

test('similar ranks by meaning: a cron line is nearest to another cron job', async () => {
  const hits = await similarToLine(ctx, 'CRON[999]: (root) CMD (/usr/bin/logrotate /etc/logrotate.conf)', 2);
  assert.equal(hits.length, 2);
  assert.match(hits[0].pattern.canonical, /CRON/);
  assert.ok(hits[0].distance < hits[1].distance);
});

test('the example shown for a template is the one nearest in wording to the query (a root line for a question about root)', () => {
  const table = new PatternTable({ examplesPerPattern: 1 });
  const add = (u: string, seq: number) =>
    table.add(
      { raw: `Failed password for ${u} from 10.0.0.${seq}`, text: '', labels: {}, metadata: {}, seq, origin: 't' },
      { canonical: `Failed password for ${u} from <IP>`, entities: [{ kind: 'user', value: u }] },
    ).pattern;
  const p = add('admin', 1);
  for (const [i, u] of ['test', 'root', 'oracle'].entries()) add(u, i + 2);
  assert.equal(p.examples.length, 1);
  assert.equal(nearestExample(p, 'authentication failure for root from 10.0.0.5')!.raw, 'Failed password for root from 10.0.0.3');
  assert.equal(nearestExample(p, 'Failed password for oracle')!.raw, 'Failed password for oracle from 10.0.0.4');
});
