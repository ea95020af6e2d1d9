import { CommanderError } from 'commander';

/** Exit codes, as the CLI contract states them. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Bad usage or bad input (a missing file, a wrong flag value, no baseline where one is expected). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Names of errors other modules raise for bad input; they map to the usage exit code. */
const INPUT_ERROR_NAMES = new Set(['UsageError', 'StoreError', 'InputError', 'RulesError']);

export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return EXIT_USAGE;
  if (err instanceof RangeError) return EXIT_USAGE;
  if (err instanceof Error) {
    if (INPUT_ERROR_NAMES.has(err.name)) return EXIT_USAGE;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') return EXIT_USAGE;
  }
  return EXIT_FAILURE;
}
