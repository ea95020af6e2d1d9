import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { TOKENIZER_EDGE_CASES, loadDevelopmentTokenizer, loadReferenceVectors, mergedEventLines } from './embed-fixtures.js';
import { createTokenIdEncoder, truncateKeepingLast } from './token-ids.js';
import { accelerateTokenizer } from './tokenizer-speedups.js';

const CLS = 101;
const SEP = 102;
let tokenizer: PreTrainedTokenizer;

before(async () => {
  tokenizer = await loadDevelopmentTokenizer();
  accelerateTokenizer(tokenizer as never); // exact (tokenizer-speedups.test.ts); keeps this file fast
});

/** What sentence-transformers feeds the model: the whole line tokenized, then cut keeping [SEP]. */
const expected = (text: string, maxTokens: number) => truncateKeepingLast(tokenizer.encode(text), maxTokens);

describe('truncateKeepingLast', () => {
  it('keeps short inputs and cuts long ones to maxTokens ending with the last id', () => {
    assert.deepEqual(truncateKeepingLast([CLS, 5, SEP], 4), [CLS, 5, SEP]);
    assert.deepEqual(truncateKeepingLast([CLS, 5, 6, 7, SEP], 4), [CLS, 5, 6, SEP]);
    assert.deepEqual(truncateKeepingLast([CLS, 5, 6, SEP], 4), [CLS, 5, 6, SEP]);
  });
});

describe('createTokenIdEncoder', () => {
  it('the 300-word reference line: 256 ids, [CLS] first, [SEP] last', () => {
    const long = loadReferenceVectors().sentences.find((s) => s.split(' ').length >= 300)!;
    const ids = createTokenIdEncoder(tokenizer, 256)(long);
    assert.equal(ids.length, 256);
    assert.equal(ids[0], CLS);
    assert.equal(ids[255], SEP);
    assert.deepEqual(ids, expected(long, 256));
  });

  it('prefix tokenization equals full tokenization on the longest real lines, at several limits', () => {
    const lines = mergedEventLines(3000)
      .sort((a, b) => b.length - a.length)
      .slice(0, 150);
    for (const maxTokens of [8, 128, 256, 512]) {
      const encode = createTokenIdEncoder(tokenizer, maxTokens);
      for (const line of lines) assert.deepEqual(encode(line), expected(line, maxTokens), `${maxTokens}: ${line.slice(0, 80)}`);
    }
  });

  it('prefix tokenization is exact where a cut could go wrong', () => {
    const cases = [
      ...TOKENIZER_EDGE_CASES,
      'ΑΣ'.repeat(10) + ' ' + "ΑΣ=Β ΑΣ.Β ΑΣ:Β ΑΣ'Β ΑΣ,Β ".repeat(400), // final sigma before case-ignorable chars
      'a'.repeat(5000), // no cut point at all
      ' '.repeat(4000) + 'late words '.repeat(300), // few tokens per character
      'x'.repeat(150) + ' y'.repeat(2000), // [UNK] word then many tokens
      '[SEP]'.repeat(800) + ' tail', // added tokens packed together
      'key=value;'.repeat(900),
      '認証失敗'.repeat(500), // CJK: one token per character, spaced by the normalizer
      'e\u0301'.repeat(1500) + ' é'.repeat(1500), // combining accents
    ];
    for (const maxTokens of [8, 256]) {
      const encode = createTokenIdEncoder(tokenizer, maxTokens);
      for (const text of cases) assert.deepEqual(encode(text), expected(text, maxTokens), `${maxTokens}: ${text.slice(0, 60)}`);
    }
  });

  it('never cuts before a case-ignorable character (a Greek final sigma would change)', () => {
    // Puts the trap character exactly where the first prefix would end, right after a sigma word
    // that is the last token to keep, so a wrong cut would change the output.
    const maxTokens = 8;
    const encode = createTokenIdEncoder(tokenizer, maxTokens);
    for (const trap of ['.', ':', "'", '^', '`', ',']) {
      const words = 'a b c d'; // + 'ας' (2 pieces) = 6 tokens: all kept at maxTokens 8
      const head = words + ' '.repeat(6 * maxTokens - words.length - 2) + 'ΑΣ';
      const text = head + trap + 'Β' + ' more words'.repeat(20);
      assert.equal(head.length, 6 * maxTokens);
      assert.deepEqual(encode(text), expected(text, maxTokens), `cut before ${trap}`);
    }
  });

  it('rejects a maxTokens that cannot hold [CLS], one token and [SEP]', () => {
    assert.throws(() => createTokenIdEncoder(tokenizer, 2), RangeError);
  });
});
