import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embeddingText } from './embedding-text.js';

test('drops meaningless placeholders and keeps meaningful ones and words', () => {
  assert.equal(
    embeddingText('<TS> <HOST> sshd[<NUM>]: Failed password for root from <IP> port <PORT> ssh2'),
    'sshd[ ]: Failed password for root from <IP> port ssh2',
  );
  assert.equal(embeddingText('GET <PATH> took <DURATION> for <USER>'), 'GET <PATH> took for <USER>');
  assert.equal(embeddingText('<NUM> <NUM>'), '<NUM> <NUM>');
  assert.equal(embeddingText('plain words stay'), 'plain words stay');
});
