import { Option, type Command } from 'commander';
import { UsageError } from './errors.js';

/** Parses a positive integer flag value, or fails with a usage error naming the flag. */
export function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} expects a positive whole number, got "${value}"`);
    return n;
  };
}

export function nonNegativeInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} expects a whole number ≥ 0, got "${value}"`);
    return n;
  };
}

export function distance(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || n > 2) throw new UsageError(`${flag} expects a cosine distance between 0 and 2, got "${value}"`);
    return n;
  };
}

function list(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

/** Reading options shared by every command that reads logs (macro2micro's names). */
export function addReadOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'input format').choices(['auto', 'text', 'csv', 'jsonl']).default('auto'))
    .option('--limit <n>', 'read at most N events', positiveInt('--limit'))
    .option('--text-col <col>', 'CSV: the column holding the message (name or 0-based index)')
    .option('--meta-cols <cols>', 'CSV: columns kept as metadata (comma-separated)', list)
    .option('--keep-all-meta', 'CSV: keep every other column as metadata')
    .option('--ts-col <col>', 'CSV: the timestamp column')
    .option('--delimiter <char>', 'CSV: field delimiter (default ",", or "auto")')
    .option('--no-header', 'CSV: the first row is data, not column names')
    .option('--json-message-key <key>', 'JSONL: the key holding the message')
    .option('--json-ts-keys <keys>', 'JSONL: timestamp keys, in order of preference', list)
    .option('--time-zone <zone>', 'zone of times written without an offset: UTC (default), +02:00, or an IANA name such as Europe/Berlin');
}

/** Canonicalization flags, compatible with macro2micro. */
export function addMaskOptions(cmd: Command): Command {
  return cmd
    .option('--no-mask-ips', 'keep IP addresses as they are')
    .option('--no-mask-numbers', 'keep numbers as they are')
    .option('--numbers-min-len <n>', 'mask standalone numbers of at least N digits (default 1)', positiveInt('--numbers-min-len'))
    .option('--mask-users', 'also mask user names in free text (Failed password for <USER>)')
    .option('--rules <file>', 'a JSON file of masking rules to add to (or disable in) the default set');
}

/** Where the model comes from and how it runs. */
export function addModelOptions(cmd: Command): Command {
  return cmd
    .option('--model-dir <dir>', 'folder holding Xenova/all-MiniLM-L6-v2/ (default: $LOGATLAS_MODEL_DIR, else the Hugging Face hub)')
    .addOption(new Option('--dtype <dtype>', 'model weights').choices(['q8', 'fp32']))
    .option('--batch-size <n>', 'texts per model call', positiveInt('--batch-size'));
}
