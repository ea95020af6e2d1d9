// Property tests: every reader takes any bytes (invalid UTF-8, NULs, deep JSON, broken CSV quoting)
// without an exception, and one hostile line costs no other line. Seeded and bounded (fast-check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LogEvent, ReadWarning } from './event.js';
import { readInputBatches } from './open.js';

const SEED = 20261205;

async function readAll(bytes: Uint8Array, format: 'text' | 'jsonl' | 'csv' | 'auto'): Promise<{ events: LogEvent[]; warnings: ReadWarning[] }> {
  const events: LogEvent[] = [];
  const warnings: ReadWarning[] = [];
  async function* stdin() {
    yield bytes;
  }
  for await (const batch of readInputBatches('-', { format, stdin: stdin(), onWarning: (w) => warnings.push(w) })) events.push(...batch);
  return { events, warnings };
}

const enc = new TextEncoder();
const hostileLine = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '{"msg":"x","a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
    '"unclosed, quote',
    'a,"b""c",d',
    '\u0000\u0000',
  ),
  fc.uint8Array({ maxLength: 120 }).map((b) => Buffer.from(b).toString('latin1')),
);

for (const format of ['text', 'jsonl', 'csv', 'auto'] as const) {
  test(`${format}: any lines, any bytes: no exception, every event a string, good lines around a hostile one kept`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileLine, { maxLength: 30 }), fc.uint8Array({ maxLength: 64 }), async (lines, noise) => {
        const good = format === 'csv' ? 'good,line' : '{"msg":"good line"}';
        const body = [good, ...lines.map((l) => l.replaceAll('\n', ' ')), good].join('\n');
        const bytes = new Uint8Array([...enc.encode(body), 10, ...noise.filter((b) => b !== 10)]);
        const { events } = await readAll(bytes, format);
        for (const e of events) assert.equal(typeof e.text, 'string');
        if (format !== 'csv') {
          assert.ok(
            events.some((e) => e.text.includes('good line')),
            'the good lines are read',
          );
          assert.ok(events.length >= 2);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
}

test('jsonl: a record nested 5,000 deep becomes a text event with a warning; the records around it are JSON', async () => {
  const deep = '{"msg":"x","a":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
  const { events, warnings } = await readAll(enc.encode(['{"msg":"one"}', deep, '{"msg":"two"}'].join('\n')), 'jsonl');
  assert.deepEqual(
    events.map((e) => e.text.slice(0, 16)),
    ['one', deep.slice(0, 16), 'two'],
  );
  assert.ok(
    warnings.some((w) => /nested deeper than 64 levels/.test(w.message)),
    JSON.stringify(warnings),
  );
});
