/**
 * Words that never become a template parameter, however many of them a position shows: they are what a
 * security or operations reader tells events apart by. Log levels (`INFO` and `ERROR` lines of the same
 * text are two events) and outcomes (`Accepted` / `Failed` / `Denied`). This is a safety invariant of
 * the template layer, not a tuned rule: evidence alone would merge a position once it has shown enough
 * distinct words, and these must not be among them.
 */
import { LOG_LEVELS } from '../events/log-levels.js';

const GUARDED = new Set([
  // levels, and a Go/kernel panic
  ...LOG_LEVELS,
  'panic',
  // outcomes
  'accepted',
  'accept',
  'allowed',
  'allow',
  'permitted',
  'granted',
  'success',
  'successful',
  'succeeded',
  'ok',
  'passed',
  'failed',
  'fail',
  'failure',
  'failures',
  'denied',
  'deny',
  'refused',
  'rejected',
  'reject',
  'blocked',
  'block',
  'dropped',
  'drop',
  'invalid',
  'illegal',
  'unauthorized',
  'forbidden',
  'timeout',
  'true',
  'false',
]);

/** Whether a word (case and surrounding punctuation ignored) is guarded. */
export function isGuardedWord(word: string): boolean {
  const bare = word.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '').toLowerCase();
  return bare.length > 0 && GUARDED.has(bare);
}
