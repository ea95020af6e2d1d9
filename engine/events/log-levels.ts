/**
 * The words logs use for a line's severity (syslog severities, log4j/logback and java.util.logging,
 * Python, Go, Windows event levels), lower case. One list for everything that must know a level when it
 * sees one: the text reader (a `[warn]` is not a source name), the template layer (a level never becomes
 * a parameter) and cluster labels (a level is header, not what happened).
 */
export const LOG_LEVELS: ReadonlySet<string> = new Set([
  'trace',
  'debug',
  'info',
  'information',
  'informational',
  'notice',
  'warn',
  'warning',
  'error',
  'err',
  'crit',
  'critical',
  'alert',
  'emerg',
  'emergency',
  'fatal',
  'severe',
  'fine',
  'finer',
  'finest',
  'verbose',
]);
