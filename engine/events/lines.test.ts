import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LineSplitter, splitLineBatches, splitLines, wholeUtf8Length, type NumberedLine, type SplitLinesOptions } from './lines.js';

interface Collected {
  lines: NumberedLine[];
  warnings: Array<[number, string]>;
}

async function collect(chunks: Array<Uint8Array | string>, options: SplitLinesOptions = {}): Promise<Collected> {
  const warnings: Array<[number, string]> = [];
  const lines: NumberedLine[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const line of splitLines(source(), { ...options, onWarning: (n, m) => warnings.push([n, m]) })) lines.push(line);
  return { lines, warnings };
}

/** The same bytes cut at every possible position into two chunks, and into single bytes. */
async function assertChunkingInvariant(bytes: Buffer, options: SplitLinesOptions = {}): Promise<Collected> {
  const whole = await collect([bytes], options);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const split = await collect([bytes.subarray(0, cut), bytes.subarray(cut)], options);
    assert.deepEqual(split, whole, `cut at byte ${cut}`);
  }
  const single = await collect(
    [...bytes].map((b) => Buffer.from([b])),
    options,
  );
  assert.deepEqual(single, whole, 'one byte per chunk');
  return whole;
}

test('LF, CRLF, no final newline, and a lone CR at the end', async () => {
  const { lines, warnings } = await collect(['alpha\nbeta\r\ngamma\r\ndelta']);
  assert.deepEqual(lines, [
    { line: 'alpha', lineNo: 1 },
    { line: 'beta', lineNo: 2 },
    { line: 'gamma', lineNo: 3 },
    { line: 'delta', lineNo: 4 },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual((await collect(['one\ntwo\r'])).lines, [
    { line: 'one', lineNo: 1 },
    { line: 'two', lineNo: 2 },
  ]);
  // A CR inside a line is content, not a terminator.
  assert.deepEqual((await collect(['a\rb\n'])).lines, [{ line: 'a\rb', lineNo: 1 }]);
});

test('empty lines are skipped but counted; keepEmpty yields them', async () => {
  const input = '\nfirst\n\n\r\nsecond\n\n';
  assert.deepEqual((await collect([input])).lines, [
    { line: 'first', lineNo: 2 },
    { line: 'second', lineNo: 5 },
  ]);
  assert.deepEqual(
    (await collect([input], { keepEmpty: true })).lines.map((l) => l.line),
    ['', 'first', '', '', 'second', ''],
  );
});

test('the result does not depend on where chunks are cut (CRLF and multi-byte characters split)', async () => {
  const bytes = Buffer.from('héllo wörld\r\n\r\n€uro 𝄞 clef\nlast\r', 'utf8');
  const { lines, warnings } = await assertChunkingInvariant(bytes);
  assert.deepEqual(lines, [
    { line: 'héllo wörld', lineNo: 1 },
    { line: '€uro 𝄞 clef', lineNo: 3 },
    { line: 'last', lineNo: 4 },
  ]);
  assert.deepEqual(warnings, []);
});

test('invalid UTF-8 is replaced with U+FFFD and warned with its line number', async () => {
  const bytes = Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xc3]), Buffer.from(' end\nfine\n')]);
  const { lines, warnings } = await assertChunkingInvariant(bytes);
  assert.deepEqual(lines, [
    { line: 'ok', lineNo: 1 },
    { line: 'bad \uFFFD\uFFFD end', lineNo: 2 },
    { line: 'fine', lineNo: 3 },
  ]);
  assert.deepEqual(warnings, [[2, 'invalid UTF-8: bad bytes replaced with U+FFFD']]);
});

test('NUL bytes are removed with a warning', async () => {
  const bytes = Buffer.from('a\0b\0\nclean\n\0\n', 'latin1');
  const { lines, warnings } = await assertChunkingInvariant(bytes);
  assert.deepEqual(lines, [
    { line: 'ab', lineNo: 1 },
    { line: 'clean', lineNo: 2 },
  ]);
  assert.deepEqual(warnings, [
    [1, '2 NUL byte(s) removed'],
    [3, '1 NUL byte(s) removed'],
  ]);
});

test('a byte order mark at the start is dropped', async () => {
  assert.deepEqual((await collect([Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a])])).lines, [{ line: 'a', lineNo: 1 }]);
});

test('over-long lines are truncated at a character boundary, then reading goes on', async () => {
  const bytes = Buffer.from('short\n0123456789abc\r\nééé\n12345678\r\nnext', 'utf8');
  const { lines, warnings } = await assertChunkingInvariant(bytes, { maxLineBytes: 8 });
  assert.deepEqual(lines, [
    { line: 'short', lineNo: 1 },
    { line: '01234567', lineNo: 2 },
    { line: 'ééé', lineNo: 3 },
    { line: '12345678', lineNo: 4 }, // exactly the limit (its CR is a terminator): not truncated
    { line: 'next', lineNo: 5 },
  ]);
  assert.deepEqual(warnings, [[2, 'line of 13 bytes is longer than 8: kept the first 8 bytes']]);
  // 'é' is 2 bytes: a 5-byte cut of 'ééé' keeps 2 whole characters (4 bytes), not a broken third.
  const cut = await collect(['ééé\n'], { maxLineBytes: 5 });
  assert.deepEqual(cut.lines, [{ line: 'éé', lineNo: 1 }]);
  assert.deepEqual(cut.warnings, [[1, 'line of 6 bytes is longer than 5: kept the first 4 bytes']]);
});

test('a line over 1 MiB (default) followed by a normal line keeps true line numbers', async () => {
  const huge = Buffer.alloc(3 * 1024 * 1024 + 17, 0x78);
  const chunks: Buffer[] = [Buffer.from('first\n')];
  for (let i = 0; i < huge.length; i += 65536) chunks.push(huge.subarray(i, i + 65536));
  chunks.push(Buffer.from('\nafter the huge line\n'));
  const { lines, warnings } = await collect(chunks);
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[0], { line: 'first', lineNo: 1 });
  assert.equal(lines[1].lineNo, 2);
  assert.equal(lines[1].line.length, 1 << 20);
  assert.deepEqual(lines[2], { line: 'after the huge line', lineNo: 3 });
  assert.deepEqual(warnings, [[2, `line of ${huge.length} bytes is longer than ${1 << 20}: kept the first ${1 << 20} bytes`]]);
});

test('memory stays bounded on a 200 MB stream that starts with a 100 MB line', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const chunkBytes = 1 << 20;
  let midpointRetained = -1;
  async function* source() {
    for (let i = 0; i < 200; i++) {
      if (i === 90) midpointRetained = await retainedAfterGc();
      // Fresh chunks, as from a file: 100 MB without a newline, then 100 MB of 1 KiB lines.
      yield i < 100 ? Buffer.alloc(chunkBytes, 0x61) : ('x'.repeat(1023) + '\n').repeat(chunkBytes / 1024);
    }
  }
  // Array buffers are released by a concurrent sweeper: collect twice with a pause between.
  async function retainedAfterGc(): Promise<number> {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
    return process.memoryUsage().arrayBuffers;
  }
  let count = 0;
  let longest = 0;
  const before = await retainedAfterGc();
  for await (const batch of splitLineBatches(source())) {
    count += batch.length;
    for (const { line } of batch) longest = Math.max(longest, line.length);
  }
  assert.equal(count, 100 * (chunkBytes / 1024)); // the long line ends at the first newline
  assert.equal(longest, 1 << 20);
  // Holding the long line would be 90 MB at that point; the splitter holds at most 1 MiB plus a chunk
  // (the margin is for buffers the collector has not released yet).
  assert.ok(midpointRetained - before < 40 * chunkBytes, `retained ${midpointRetained - before} bytes`);
});

test('LineSplitter can be driven synchronously', () => {
  const splitter = new LineSplitter();
  assert.deepEqual(splitter.push('a\nb'), [{ line: 'a', lineNo: 1 }]);
  assert.deepEqual(splitter.push('c\n'), [{ line: 'bc', lineNo: 2 }]);
  assert.deepEqual(splitter.end(), []);
});

test('wholeUtf8Length never ends inside a character', () => {
  const bytes = Buffer.from('a€', 'utf8'); // 61 e2 82 ac
  assert.equal(wholeUtf8Length(bytes), 4);
  assert.equal(wholeUtf8Length(bytes.subarray(0, 3)), 1);
  assert.equal(wholeUtf8Length(bytes.subarray(0, 2)), 1);
  assert.equal(wholeUtf8Length(Buffer.from('ab')), 2);
});
