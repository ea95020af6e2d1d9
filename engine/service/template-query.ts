// The log query that selects exactly some templates' lines: the watch's own LogQL with one regexp line
// filter (templates/template-regex.ts; RE2, which both Loki and VictoriaLogs use), and its LogsQL
// translation for a VictoriaLogs-backed watch. The UI opens it in Explore to show a template's lines.
import type { Pattern } from '../patterns/pattern.js';
import type { PatternTable } from '../patterns/pattern-table.js';
import { templateRegexMatchesExamples, templatesRegex } from '../templates/template-regex.js';
import { logqlToLogsql, UntranslatableQueryError } from '../victorialogs/logsql.js';

export interface TemplateQuery {
  /** LogQL: the watch's selector and a `|~` filter matching the templates' lines. */
  query: string;
  /** The same as LogsQL (null when the watch's own query has no LogsQL translation). */
  logsql: string | null;
  /** Whether the filter matches every kept example of every template (false: it may miss some lines). */
  exact: boolean;
}

/** The query for the lines of `patterns` (one or more) read by a watch whose query is `selector`. */
export function templateQuery(selector: string, patterns: readonly Pattern[], table: PatternTable): TemplateQuery {
  const templates = patterns.map((p) => ({ canonical: p.canonical, template: table.templateState(p), examples: p.examples }));
  const query = `${selector.trim()} |~ ${logqlString(templatesRegex(templates))}`;
  let logsql: string | null = null;
  try {
    logsql = logqlToLogsql(query);
  } catch (err) {
    if (!(err instanceof UntranslatableQueryError)) throw err;
  }
  return { query, logsql, exact: templates.every(templateRegexMatchesExamples) };
}

/** A LogQL string literal: back-quoted (raw, no escapes to get wrong) unless the text has a back quote. */
export function logqlString(text: string): string {
  return text.includes('`') ? JSON.stringify(text) : `\`${text}\``;
}
