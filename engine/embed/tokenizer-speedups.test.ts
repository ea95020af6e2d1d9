import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { TOKENIZER_EDGE_CASES, loadDevelopmentTokenizer, loadReferenceVectors, loghubLines, mergedEventLines } from './embed-fixtures.js';
import { accelerateTokenizer } from './tokenizer-speedups.js';

let original: PreTrainedTokenizer;
let accelerated: PreTrainedTokenizer;

before(async () => {
  original = await loadDevelopmentTokenizer();
  accelerated = await loadDevelopmentTokenizer();
  assert.deepEqual(accelerateTokenizer(accelerated as never), { wordPiece: true, normalizer: true });
});

/** Ids identical on every line; at least `least` lines (a fixture that read nothing must fail). */
function assertSameIds(lines: readonly string[], least: number): void {
  assert.ok(lines.length >= least, `${lines.length} lines, expected at least ${least}`);
  for (const line of lines) assert.deepEqual(accelerated.encode(line), original.encode(line), JSON.stringify(line.slice(0, 120)));
}

describe('accelerateTokenizer (exact replacements)', () => {
  it('gives the original ids on corner cases (Unicode, controls, added tokens, long words)', () => {
    assertSameIds(TOKENIZER_EDGE_CASES, 10);
  });

  it('gives the original ids on the 108 reference sentences', () => {
    assertSameIds(loadReferenceVectors().sentences, 108);
  });

  it('gives the original ids on real log lines (scalyr merged events and every loghub-2k set)', () => {
    assertSameIds(mergedEventLines(300), 300);
    assertSameIds(loghubLines(25), 200); // 25 from each of nine sets, repeats removed
  });

  it('still gives the original ids when a memoized word comes back', () => {
    const line = 'dstaddr=3.101.114.104 interface-id=eni-0fa16b066250eede1';
    assert.deepEqual(accelerated.encode(line), accelerated.encode(line));
    assert.deepEqual(accelerated.encode(line), original.encode(line));
  });
});
