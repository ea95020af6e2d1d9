/**
 * Field encoding for the two delimited formats `analyze` writes.
 *
 * CSV follows RFC 4180 (what spreadsheets and pandas read): a field holding a comma, quote, CR or LF is
 * quoted and its quotes doubled. TSV follows what TensorBoard's projector parses: it splits lines on
 * `\n` and fields on `\t` with no quoting at all, so tabs and line breaks inside a field cannot be
 * represented and become spaces (the raw line stays whole in events_with_clusters.csv).
 */

const CSV_NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  const s = String(value);
  return CSV_NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: ReadonlyArray<string | number | undefined | null>): string {
  return `${values.map(csvField).join(',')}\n`;
}

const TSV_BREAKS = /[\t\r\n]/g;

export function tsvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(TSV_BREAKS, ' ');
}

export function tsvRow(values: ReadonlyArray<string | number | undefined | null>): string {
  return `${values.map(tsvField).join('\t')}\n`;
}
