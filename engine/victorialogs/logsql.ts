// The LogQL a watch is written in, as LogsQL for VictoriaLogs: a stream selector and line filters. The
// mapping follows VictoriaLogs' own guide (docs/victorialogs/logql-to-logsql.md):
//   {k="v", k!="v", k=~"re", k!~"re"}  → the same stream filter (LogsQL stream filters take these four)
//   |= "s"  → ~"s" with regexp metacharacters escaped: LogsQL's substring filter is a regexp filter
//             (LogsQL.md "Substring filter"); a bare "s" would be a word filter, which matches whole
//             words only, unlike Loki's substring match
//   != "s"  → NOT ~"s" (escaped)        |~ "re" → ~"re"        !~ "re" → NOT ~"re"
// Both languages use RE2 syntax for regexps. Anything else (parsers, label filters, formatting, metric
// queries) has no translation here and is refused with a message that says what is supported.
import { splitLogQuery } from '../loki/selector.js';

export class UntranslatableQueryError extends Error {
  override readonly name = 'UntranslatableQueryError';
}

/** LogsQL for a LogQL log query made of a stream selector and line filters. */
export function logqlToLogsql(query: string): string {
  const { matchers, pipeline } = splitLogQuery(query);
  const parts = [`{${normalizeQuotes(matchers)}}`];
  let rest = pipeline.trim();
  while (rest.length > 0) {
    const op = /^(\|=|!=|\|~|!~)\s*/.exec(rest);
    if (!op) throw untranslatable(query, rest);
    rest = rest.slice(op[0].length);
    const lit = readString(rest);
    if (!lit) throw untranslatable(query, rest);
    rest = rest.slice(lit.length).trim();
    const regexp = op[1] === '|=' || op[1] === '!=' ? escapeRegexp(lit.value) : lit.value;
    const filter = `~${JSON.stringify(regexp)}`;
    parts.push(op[1].startsWith('!') ? `NOT ${filter}` : filter);
  }
  return parts.join(' ');
}

function untranslatable(query: string, at: string): UntranslatableQueryError {
  return new UntranslatableQueryError(
    `cannot read ${JSON.stringify(query)} from VictoriaLogs: only a stream selector and line filters (|= != |~ !~ "text") translate to LogsQL; stuck at ${JSON.stringify(at.slice(0, 40))}`,
  );
}

/** A double-quoted (Go escapes) or back-quoted (raw) LogQL string at the start of `text`. */
function readString(text: string): { value: string; length: number } | undefined {
  if (text.startsWith('`')) {
    const end = text.indexOf('`', 1);
    return end < 0 ? undefined : { value: text.slice(1, end), length: end + 1 };
  }
  if (!text.startsWith('"')) return undefined;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') {
      try {
        return { value: JSON.parse(text.slice(0, i + 1)) as string, length: i + 1 };
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Back-quoted values in the matchers become double-quoted ones, which both languages read alike. */
function normalizeQuotes(matchers: string): string {
  return matchers.replace(/`([^`]*)`/g, (_m, raw: string) => JSON.stringify(raw));
}

function escapeRegexp(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}
