/**
 * Every real sample file reads completely, checked against counts made independently of the readers
 * (plain line splitting, csv-parse/sync, JSON.parse) and against the benchmark's merged text form.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsvSync } from 'csv-parse/sync';
import type { LogEvent, ReadWarning } from './event.js';
import { openEvents, type ReadOptions } from './open.js';

// build/engine/events/ → project root → ../shared/datasets
const DATASETS = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
const LOGHUB = join(DATASETS, 'loghub-2k');
const SCALYR = join(DATASETS, 'scalyr-samples');
const skip = existsSync(LOGHUB) && existsSync(SCALYR) ? false : `datasets not found at ${DATASETS}`;

async function readAll(path: string, options: ReadOptions = {}): Promise<{ events: LogEvent[]; warnings: ReadWarning[] }> {
  const events: LogEvent[] = [];
  const warnings: ReadWarning[] = [];
  for await (const event of openEvents([path], { ...options, onWarning: (w) => warnings.push(w) })) events.push(event);
  return { events, warnings };
}

/** [1-based line number, line] of every line with something other than whitespace. */
function nonBlankLines(path: string): Array<[number, string]> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i): [number, string] => [i + 1, line.endsWith('\r') ? line.slice(0, -1) : line])
    .filter(([, line]) => /\S/.test(line));
}

/** merged_events.txt texts by source (the `[source]` prefix), in file order. */
function mergedTextsBySource(): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  for (const line of readFileSync(join(SCALYR, 'merged_events.txt'), 'latin1').split('\n')) {
    const close = line.indexOf('] ');
    if (!line.startsWith('[') || close === -1) continue;
    const source = line.slice(1, close);
    if (!bySource.has(source)) bySource.set(source, []);
    bySource.get(source)!.push(Buffer.from(line.slice(close + 2).replaceAll('\0', ''), 'latin1').toString('utf8'));
  }
  return bySource;
}

test('loghub-2k raw logs as text: one event per non-blank line, raw = the line, aligned with the ground truth', { skip }, async () => {
  const datasets = readdirSync(LOGHUB).filter((name) => existsSync(join(LOGHUB, name, `${name}_2k.log`)));
  assert.equal(datasets.length, 9);
  for (const name of datasets) {
    const path = join(LOGHUB, name, `${name}_2k.log`);
    const { events, warnings } = await readAll(path);
    const expected = nonBlankLines(path);
    assert.equal(events.length, expected.length, name);
    assert.deepEqual(
      events.map((e) => [e.seq, e.raw]),
      expected,
      name,
    );
    assert.deepEqual(warnings, [], name);
    // Row i of the structured CSV is line i of the raw log, and its Content is part of that line.
    const truth = await readAll(`${path}_structured_corrected.csv`, { textCol: 'Content', metaCols: ['LineId'] });
    assert.equal(truth.events.length, events.length, `${name} structured`);
    truth.events.forEach((row, i) => {
      assert.equal(row.metadata.LineId, String(events[i].seq), `${name} row ${i}`);
      assert.ok(events[i].raw.includes(row.text), `${name} line ${events[i].seq} holds its Content`);
    });
  }
});

test('scalyr-samples CSV exports: record counts match csv-parse, texts match the merged benchmark file', { skip }, async () => {
  const merged = mergedTextsBySource();
  const files = readdirSync(join(SCALYR, 'logs')).filter((f) => f.endsWith('.csv'));
  assert.equal(files.length, 21);
  for (const file of files) {
    const path = join(SCALYR, 'logs', file);
    const records = parseCsvSync(readFileSync(path), { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
    const { events, warnings } = await readAll(path);
    assert.equal(events.length, records.length - 1, file);
    // Only NUL repairs are expected (two files hold one NUL byte each).
    assert.deepEqual(
      warnings.filter((w) => !w.message.includes('NUL')),
      [],
      file,
    );
    const header = records[0];
    const messageIndex = header.indexOf('message');
    const mergedTexts = merged.get(file.replace(/\.csv$/, ''))!;
    events.forEach((event, i) => {
      const message = messageIndex === -1 ? '-' : records[i + 1][messageIndex].replaceAll('\0', '');
      const expected = message.trim() === '-' || message.trim() === '' ? mergedTexts[i] : message;
      assert.equal(event.text, expected, `${file} record ${i + 1}`);
    });
  }
});

test('scalyr-samples JSON exports (pretty-printed arrays): element counts match JSON.parse', { skip }, async () => {
  const merged = mergedTextsBySource();
  const files = readdirSync(join(SCALYR, 'logs')).filter((f) => f.endsWith('.json'));
  assert.equal(files.length, 17);
  for (const file of files) {
    const path = join(SCALYR, 'logs', file);
    const content = readFileSync(path, 'utf8');
    const elements = JSON.parse(content) as Array<Record<string, unknown>>;
    const { events, warnings } = await readAll(path);
    assert.equal(events.length, elements.length, file);
    // The only warnings: elements holding \u0000 escapes (NULs removed), at the line where each starts.
    const withNul = events.filter((_, i) => JSON.stringify(elements[i]).includes('\\u0000')).map((e) => e.seq);
    assert.deepEqual(
      warnings.map((w) => [w.line, w.message]),
      withNul.map((line) => [line, 'NUL character(s) (\\u0000) removed']),
      file,
    );
    const lines = content.split('\n');
    events.forEach((event, i) => {
      assert.equal(lines[event.seq - 1].trim(), '{', `${file} element ${i} starts on its seq line`);
      assert.deepEqual(JSON.parse(event.raw), elements[i], `${file} element ${i}`);
    });
    // Files without a message key: the text is the merged file's key=value form (with Python's True/False).
    const hasMessageKey = elements.some((o) => Object.keys(o).some((k) => /^(message|msg)$/i.test(k)));
    if (!hasMessageKey) {
      // microservice.csv and microservice.json share a source name; the JSON records come last.
      const mergedTexts = merged.get(file.replace(/\.json$/, ''))!.slice(-events.length);
      const booleansLower = (text: string) => text.replace(/=(True|False)(?= |$)/g, (b) => b.toLowerCase());
      assert.deepEqual(
        events.map((e) => e.text),
        mergedTexts.map(booleansLower),
        file,
      );
    }
  }
});

test('merged_events.txt: every record, its [source] label, and exactly the lines with NUL bytes warned', { skip }, async () => {
  const path = join(SCALYR, 'merged_events.txt');
  const bytes = readFileSync(path);
  const nulLines = new Set<number>();
  let line = 1;
  for (const b of bytes) {
    if (b === 0x0a) line++;
    else if (b === 0) nulLines.add(line);
  }
  const { events, warnings } = await readAll(path);
  assert.equal(events.length, 67_790);
  assert.deepEqual(
    warnings.map((w) => w.line),
    [...nulLines],
  );
  assert.deepEqual([...nulLines], [33033, 33136, 37556, 46541]);
  const sources = new Map<string, number>();
  for (const event of events) sources.set(event.labels.source, (sources.get(event.labels.source) ?? 0) + 1);
  assert.equal(sources.size, 37); // 38 files, microservice.csv and .json share a name
  assert.equal(sources.get('dhcp'), 10_000);
  assert.equal(sources.get('AADUSerInfo'), 6);
  assert.ok(events.every((e, i) => e.seq === i + 1 && e.raw === `[${e.labels.source}] ${e.text}`));
});
