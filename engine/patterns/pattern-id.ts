import { createHash } from 'node:crypto';

/** A stable, short id for a canonical form: the first 16 hex digits of its SHA-256. */
export function patternId(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
