// Just enough LogQL to narrow a log query to one stream: find the stream selector `{...}` that starts every
// log query and add exact matchers to it, keeping the pipeline that follows untouched.
import type { Labels } from './entry.js';

export interface SplitLogQuery {
  /** The matchers between the braces, e.g. `app="api", env=~"prod|stage"`. */
  matchers: string;
  /** Everything after the closing brace: the pipeline. */
  pipeline: string;
}

/** Splits a LogQL log query into its stream selector and pipeline; throws for metric queries. */
export function splitLogQuery(query: string): SplitLogQuery {
  const text = query.trimStart();
  if (!text.startsWith('{')) throw new Error(`not a LogQL log query (it must start with a stream selector {...}): ${query}`);
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = skipQuoted(text, i);
    else if (c === '`') i = text.indexOf('`', i + 1);
    else if (c === '}') return { matchers: text.slice(1, i).trim(), pipeline: text.slice(i + 1) };
    if (i < 0) break;
  }
  throw new Error(`unterminated stream selector in LogQL query: ${query}`);
}

/** The stream selector alone, e.g. for /loki/api/v1/series. */
export function streamSelector(query: string): string {
  return `{${splitLogQuery(query).matchers}}`;
}

/** The same query restricted to the stream with exactly these labels. */
export function withStreamMatchers(query: string, labels: Labels): string {
  const { matchers, pipeline } = splitLogQuery(query);
  // JSON string escapes are a subset of the Go escapes LogQL accepts in double-quoted strings.
  const exact = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `{${[matchers, ...exact].filter(Boolean).join(', ')}}${pipeline}`;
}

/** Index of the closing quote of the double-quoted string opening at `start`, or -1. */
function skipQuoted(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}
