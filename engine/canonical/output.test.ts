import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CanonicalBuilder } from './output.js';

/** Runs builder steps written as a list: a string in <...> or {...} is a placeholder, '␣' a space() call, the rest appended. */
function build(...steps: string[]): string {
  const out = new CanonicalBuilder();
  for (const step of steps) {
    if (step === '␣') out.space();
    else if (step.startsWith('{') && step.endsWith('}')) out.placeholder(step.slice(1, -1));
    else if (step.startsWith('<')) out.placeholder(step);
    else out.append(step);
  }
  return out.finish();
}

describe('CanonicalBuilder', () => {
  it('collapses equal placeholders joined by separators, not different ones or words', () => {
    assert.equal(build('a ', '<NUM>', ', ', '<NUM>', ' ', '<NUM>', ' b'), 'a <NUM> b');
    assert.equal(build('<NUM>', ' ', '<IP>'), '<NUM> <IP>');
    assert.equal(build('<NUM>', ' and ', '<NUM>'), '<NUM> and <NUM>');
  });

  it('collapses a list item that repeats the prefix of the one before', () => {
    assert.equal(build('blk_', '<NUM>', ' blk_', '<NUM>', ' blk_', '<NUM>', ' done'), 'blk_<NUM> done');
    assert.equal(build('blk_', '<NUM>', ' rdd_', '<NUM>'), 'blk_<NUM> rdd_<NUM>');
  });

  it('finds a repeated prefix that reaches back into an earlier placeholder', () => {
    // `Q` is a placeholder made of word characters (a user rule may have one): the prefix `Q_` before
    // the second `<N>` starts in it.
    assert.equal(build('{Q}', '_', '<N>', ' Q_', '<N>'), 'Q_<N>');
    assert.equal(build('{R}', '_', '<N>', ' Q_', '<N>'), 'R_<N> Q_<N>');
  });

  it('adds a space only after text that does not end in one, also after a collapse', () => {
    assert.equal(build('␣', 'a', '␣', '␣', 'b'), 'a b');
    assert.equal(build('x ', '<N>', ' ', '<N>', '␣', 'y'), 'x <N> y');
    assert.equal(build('x\t', '␣', 'y'), 'x\ty');
  });

  it('treats an empty placeholder like any other', () => {
    assert.equal(build('a', '{}', ' ', '{}', 'b'), 'ab');
    assert.equal(build('{}', '␣', 'a'), 'a');
  });

  it('keeps a long line with many equal placeholders whole', () => {
    const steps: string[] = [];
    for (let i = 0; i < 20_000; i++) steps.push(` k${i % 7}=`, '<NUM>', ` w${i % 3}`);
    const text = build(...steps);
    assert.equal(text.length, steps.join('').length - 1); // nothing collapsed: words sit between them
    assert.ok(text.startsWith('k0=<NUM> w0 k1=<NUM> w1'));
  });
});
