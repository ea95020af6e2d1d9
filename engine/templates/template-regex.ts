// A regular expression (RE2 syntax, as LogQL and LogsQL read it; also valid in JavaScript) that matches
// the raw lines of a template: built from what the template layer learned (its tokens: constants,
// one-token parameters, optional runs) rather than from its text alone, so that `<*>` standing for one
// token cannot swallow the extra words of a neighbouring template ("Failed password for <*> from" must
// not match "Failed password for invalid user admin from"). The expression is anchored at both ends.
//
// Slots: a one-token parameter is `\S+`; an optional run (`any`) is zero or more tokens; a placeholder
// the canonicalizer left inside a constant (`sshd[<NUM>]:`) is `\S+?` — except `<TS>`, a time stamp
// with spaces in it (`Dec 10 06:55:46`), which is `.+?`. Spaces between tokens are `\s+` (the
// canonicalizer reads runs of spaces as one). What the canonicalizer rewrites beyond masking values
// (re-ordered JSON, decoded escapes) the expression cannot follow: `templateRegexMatchesExamples`
// checks it against the template's kept example lines, and callers say so when it does not.
import { tokenizeForm } from './form-tokens.js';
import type { TemplateState } from './template-miner.js';

/** The parts of a template the expression is built from. */
export interface RegexTemplate {
  canonical: string;
  template?: TemplateState;
  examples?: ReadonlyArray<{ raw: string }>;
}

const PLACEHOLDER = /<[A-Z_]+>|<\*>/g;

/** RE2 (and JavaScript) metacharacters escaped: the text matches itself. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** The unanchored body of a template's expression (for alternation with others); see templateRegex. */
export function templateRegexBody(t: RegexTemplate): string {
  const tokens = t.template
    ? t.template.tokens.map(([kind, text, glue]) => ({ kind: (['const', 'one', 'any'] as const)[kind], text, glue: glue === 1 }))
    : tokenizeForm(t.canonical).map((f) => ({ kind: 'const' as const, text: f.text, glue: f.glue }));
  let out = '';
  let atStart = true;
  for (const tok of tokens) {
    if (tok.kind === 'any') {
      // Zero or more whole tokens, each with the space before it (after it, at the start of the line).
      out += atStart ? '(?:\\S+\\s+)*?' : '(?:\\s+\\S+)*?';
      continue;
    }
    const sep = atStart || tok.glue ? '' : '\\s+';
    atStart = false;
    // A parameter glued to the token before it (`key=` then its value) may be empty.
    out += sep + (tok.kind === 'one' ? (tok.glue ? '\\S*' : '\\S+') : constantRegex(tok.text));
  }
  return out;
}

/** The anchored expression matching exactly the lines of one template. */
export function templateRegex(t: RegexTemplate): string {
  return `^\\s*${templateRegexBody(t)}\\s*$`;
}

/** One expression for several templates: a line matches when it is a line of any of them. */
export function templatesRegex(templates: readonly RegexTemplate[]): string {
  if (templates.length === 0) throw new RangeError('no templates to build an expression from');
  const bodies = templates.map(templateRegexBody);
  return `^\\s*(?:${bodies.length === 1 ? bodies[0] : bodies.map((b) => `(?:${b})`).join('|')})\\s*$`;
}

/** Whether the expression matches every kept example of the template (false: it cannot select its lines). */
export function templateRegexMatchesExamples(t: RegexTemplate): boolean {
  const re = new RegExp(templateRegex(t));
  return (t.examples ?? []).every((e) => re.test(e.raw));
}

function constantRegex(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const before = text.slice(last, m.index);
    out += escapeRegex(before);
    out += placeholderRegex(m[0], /[A-Za-z_@#][\w.-]*$/.exec(before)?.[0]);
    last = m.index! + m[0].length;
  }
  return out + escapeRegex(text.slice(last));
}

/** Kinds whose values always hold a digit: the items of a collapsed list of them are told from words. */
const DIGIT_KINDS = new Set(['<NUM>', '<IP>', '<PORT>', '<SIZE>', '<DURATION>', '<VERSION>', '<ID>', '<HEX>', '<SID>']);
/** Kinds whose value may carry a unit after a space (`65536 bytes`, `3 ms`). */
const UNIT_KINDS = new Set(['<SIZE>', '<DURATION>']);

/**
 * The raw text a placeholder stands for. The canonicalizer masks a value (maybe empty: `()` reads as
 * `(<HOST>)`), and collapses a list of values of one kind into one placeholder (`1 -2` → `<NUM>`,
 * `a, b` → `<HOST>`, `blk_1 blk_2` → `blk_<NUM>`; CanonicalBuilder in canonical/output.ts). A list's
 * items after the first must hold a digit when the kind's values do, and are joined by space or `,;|`
 * (by `,;|` only for other kinds), so a list cannot swallow the words of another template. Each piece
 * excludes the separators around it so that no text can be split two ways (the expression stays fast
 * in backtracking engines such as JavaScript's, not only in RE2).
 */
function placeholderRegex(placeholder: string, prefix: string | undefined): string {
  if (placeholder === '<TS>') return '.+?';
  if (placeholder === '<*>') return '\\S+'; // a learned parameter in a template without its state: one token
  if (placeholder === '<THREAD>') return '.*?'; // a thread field's name: spaces and brackets of its own (`QuorumPeer[myid=1]/…`)
  const first = '[^\\s,;|]*?' + (UNIT_KINDS.has(placeholder) ? '(?:\\s[A-Za-z]+)?' : '');
  const digits = DIGIT_KINDS.has(placeholder);
  // After a repeated prefix (`blk_`), an item without it must not start as the prefix does, and every
  // item is read up to its first digit: a text is then split into items one way only.
  // Before an item's first digit: no letter after a prefix (that is the prefixed form's), RE2 has no lookahead.
  const item = digits ? `[^\\s,;|=\\d${prefix ? 'A-Za-z_@#' : ''}]*\\d[^\\s,;|=]*` : '[^\\s,;|=]+';
  const sep = digits ? '(?:\\s*[,;|]\\s*|\\s+-\\s+|\\s+)' : '\\s*[,;|]\\s*';
  const prefixed = digits ? '[^\\s,;|=\\d]*\\d[^\\s,;|=]*' : item;
  const again = [`${sep}${item}`, ...(prefix ? [`[\\s,;|]+${escapeRegex(prefix)}${prefixed}`] : [])];
  return `${first}(?:${again.join('|')})*`;
}
