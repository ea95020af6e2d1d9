import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embeddingText } from './embedding-text.js';

test('drops meaningless placeholders and keeps meaningful ones and words', () => {
  assert.equal(
    embeddingText('<TS> <HOST> sshd[<NUM>]: Failed password for root from <IP> port <PORT> ssh2'),
    'sshd : Failed password for root from <IP> port ssh2',
  );
  assert.equal(embeddingText('GET <PATH> took <DURATION> for <USER>'), 'GET <PATH> took for <USER>');
  assert.equal(embeddingText('<NUM> <NUM>'), '<NUM> <NUM>');
  assert.equal(embeddingText('plain words stay'), 'plain words stay');
});

test('compact: empty key= fields, empty brackets and punctuation runs go; a learned parameter stays', () => {
  assert.equal(
    embeddingText('authentication failure; logname= uid=<NUM> euid=<NUM> tty=NODEVssh ruser= rhost=<HOST> user=<USER>'),
    'authentication failure; tty=NODEVssh user=<USER>',
  );
  assert.equal(embeddingText('[fw] action=allow message=- app=<*> detail="" --> done!!!'), '[fw] action=allow app=<*> -> done!');
  assert.equal(embeddingText('[fw] app=<*> ok', { dropParameters: true }), '[fw] ok');
  assert.equal(embeddingText('sshd[<NUM>]: x', { version: 1 }), 'sshd[ ]: x');
});
