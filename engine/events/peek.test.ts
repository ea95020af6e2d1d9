import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstNonBlankLine, peekFirstLine, PEEK_LIMIT_BYTES } from './peek.js';

async function drain(source: AsyncIterable<Uint8Array | string>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString();
}

test('peeking reads only up to the first non-blank line and replays everything', async () => {
  let pulled = 0;
  async function* input() {
    for (const chunk of ['\n  \n', '{"a"', ':1}\nrest\n', 'more\n']) {
      pulled++;
      yield chunk;
    }
  }
  const { head, source } = await peekFirstLine(input());
  assert.equal(pulled, 3);
  assert.equal(firstNonBlankLine(head), '{"a":1}');
  assert.equal(await drain(source), '\n  \n{"a":1}\nrest\nmore\n');
});

test('a short input without a final newline, an empty input, and a BOM', async () => {
  assert.equal(
    firstNonBlankLine(
      (
        await peekFirstLine(
          (async function* () {
            yield 'only';
          })(),
        )
      ).head,
    ),
    'only',
  );
  const empty = await peekFirstLine((async function* () {})());
  assert.equal(empty.head.length, 0);
  assert.equal(firstNonBlankLine(empty.head), undefined);
  assert.equal(await drain(empty.source), '');
  assert.equal(firstNonBlankLine(Buffer.from('\ufeff[\n')), '[');
});

test('peeking stops at the limit when no line ends', async () => {
  const chunk = Buffer.alloc(16 * 1024, 0x61);
  let pulled = 0;
  async function* input() {
    for (let i = 0; i < 100; i++) {
      pulled++;
      yield chunk;
    }
  }
  const { source } = await peekFirstLine(input());
  assert.equal(pulled, PEEK_LIMIT_BYTES / chunk.length);
  assert.equal((await drain(source)).length, 100 * chunk.length);
});

test('stopping the replayed source early closes the underlying input', async () => {
  let closed = false;
  async function* input() {
    try {
      yield 'a\n';
      yield 'b\n';
      yield 'c\n';
    } finally {
      closed = true;
    }
  }
  const { source } = await peekFirstLine(input());
  for await (const _ of source) break;
  assert.equal(closed, true);
});
