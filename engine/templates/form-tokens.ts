import { classifyKey, keyWords } from '../canonical/keys.js';

/**
 * A canonical form as the template layer sees it: tokens split at spaces, and `key=value` split into the
 * key (`key=`) and its value, so that records line up by key and a value can vary on its own. `glue`
 * marks a token written without a space before it, so that a template renders as the text it came from.
 */
export interface FormToken {
  text: string;
  glue: boolean;
  /** Whether a difference in this token can be a parameter (see isValueLike). */
  value: boolean;
  /** A record field's whole value (`key=` comes before it): data, not the event's wording. */
  field?: boolean;
  /**
   * The field's key names a code (`EventID`, `severity`, `event.type`: see classifyKey): its values tell
   * kinds of events apart and never become a parameter.
   */
  code?: boolean;
}

/** A key in `key=value`: a short run without spaces, quotes or brackets, ending in `=`. */
const KEY_VALUE = /^([^=\s"'<>()[\]{},;]{1,80}=)(.+)$/;
const PLACEHOLDER_INSIDE = /<[A-Z_]+>/;
/** HTTP status classes (`4xx`) carry meaning: a 2xx and a 5xx line are never one template. */
const STATUS_CLASS = /^[1-5]xx$/;

/**
 * Whether a token reads as a value rather than a word: it contains a digit or a placeholder the
 * canonicalizer left (`rdd_<NUM>`, `<IP>`), or it is a value the canonicalizer kept in the text but
 * recorded as an entity (a user name). Two lines that differ only in such tokens are one event filled
 * in differently; lines that differ in a plain word (`Accepted` / `Failed`) are not, until the word's
 * position has shown many values (TemplateMiner's evidence).
 */
export function isValueLike(text: string, keptValues?: ReadonlySet<string>): boolean {
  if (keptValues !== undefined && keptValues.has(text)) return true;
  if (STATUS_CLASS.test(text)) return false;
  let letters = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) letters = true;
  }
  // Punctuation alone (`()`, `-`) is what is left of an empty value.
  return !letters || (text.includes('<') && PLACEHOLDER_INSIDE.test(text));
}

/**
 * Whether a record key names the kind of event its record is (`EventID`, `event.type`, `activity_id`,
 * `severity`, `status`, `action`): a code (see classifyKey) qualified by a word that says what happened.
 * Other codes (`version`, `protocol`, a bare `type`) are data like any field.
 */
function namesEventKind(key: string): boolean {
  const cls = classifyKey(key);
  if (cls === 'status') return true;
  if (cls !== 'code') return false;
  return keyWords(key).some((w) => KIND_WORDS.has(w));
}

const KIND_WORDS = new Set(['event', 'activity', 'class', 'category', 'action', 'outcome', 'result', 'disposition', 'status', 'severity', 'level', 'logon']);

/**
 * A record field's value reads as a value when the canonicalizer masked it (a placeholder in it) or kept
 * it as an entity. A number it left as it is (`EventID=4625`, `severity_id=3`) was left on purpose: a
 * field's few codes tell events apart, so such a field becomes a parameter only on evidence.
 */
function isFieldValueLike(text: string, keptValues?: ReadonlySet<string>): boolean {
  if (keptValues !== undefined && keptValues.has(text)) return true;
  return text.includes('<') && PLACEHOLDER_INSIDE.test(text);
}

/**
 * Splits a canonical form into tokens, at most `maxTokens`: a longer tail becomes one last token, so
 * that the work per line stays bounded and the form still renders back whole.
 */
export function tokenizeForm(canonical: string, keptValues?: ReadonlySet<string>, maxTokens = 192): FormToken[] {
  if (canonical.startsWith('{"') && canonical.endsWith('}')) {
    const json = tokenizeJsonRecord(canonical, keptValues, maxTokens);
    if (json) return json;
  }
  const out: FormToken[] = [];
  const pieces = canonical.split(' ').filter((p) => p.length > 0);
  const keyOf = pieces.map((p) => (p.indexOf('=') > 0 ? (KEY_VALUE.exec(p) ?? (p.endsWith('=') && KEY_ONLY.test(p) ? [p, p, ''] : null)) : null));
  // A record (three keys or more): a value runs to the next key, spaces and all, so that
  // `region=United States` and `region=Canada` differ in one value, not in a word and a gap.
  const record = keyOf.filter((k) => k !== null).length >= RECORD_KEYS;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (out.length >= maxTokens - 1 && i < pieces.length - 1) {
      const tail = pieces.slice(i).join(' ');
      out.push({ text: tail, glue: false, value: isValueLike(tail, keptValues) });
      break;
    }
    if (keptValues !== undefined && keptValues.has(piece)) {
      out.push({ text: piece, glue: false, value: true });
      continue;
    }
    const kv = keyOf[i];
    if (kv && record) {
      let value = kv[2];
      while (i + 1 < pieces.length && keyOf[i + 1] === null) value += (value.length > 0 ? ' ' : '') + pieces[++i];
      out.push({ text: kv[1], glue: false, value: false });
      if (value.length > 0) {
        const code = namesEventKind(kv[1].slice(0, -1));
        out.push({ text: value, glue: true, value: isFieldValueLike(value, keptValues), field: true, ...(code ? { code } : {}) });
      }
    } else if (kv && kv[2].length > 0) {
      out.push({ text: kv[1], glue: false, value: false });
      pushParts(kv[2], true, keptValues, out);
    } else {
      pushParts(piece, false, keptValues, out);
    }
  }
  return out;
}

const COLON_KEY = /^[A-Za-z][\w.-]*:(?!\/\/)[^:\s]/;
const KEY_ONLY = /^[^=\s"'<>()[\]{},;]{1,80}=$/;
const RECORD_KEYS = 3;

/**
 * A piece split where a placeholder or a separator (`|`, `,`, `;`) starts or ends, so that the words
 * between values (`<TS>|Step_LSC|<NUM>|onStandStepChanged`, `container_<NUM>`) are tokens of their own.
 */
const PART = /[|,;]+|[^|,;]+/g;

function pushParts(piece: string, glue: boolean, keptValues: ReadonlySet<string> | undefined, out: FormToken[]): void {
  if (keptValues !== undefined && keptValues.has(piece)) {
    out.push({ text: piece, glue, value: true });
    return;
  }
  PART.lastIndex = 0;
  let first = true;
  for (let m = PART.exec(piece); m !== null; m = PART.exec(piece)) {
    let part = m[0];
    const eq = first ? -1 : part.indexOf('=');
    const split = eq > 0 && KEY_VALUE.test(part) ? eq + 1 : COLON_KEY.test(part) ? part.indexOf(':') + 1 : 0;
    if (split > 0) {
      // `onExtend:<TS>`, `setTodayTotalDetailSteps=<ID>` between separators: a name and its value.
      out.push({ text: part.slice(0, split), glue: first ? glue : true, value: false });
      part = part.slice(split);
      first = false;
    }
    out.push({ text: part, glue: first ? glue : true, value: isValueLike(part, keptValues) });
    first = false;
  }
}

/** The text of tokens, spaces restored. */
export function renderTokens(tokens: ReadonlyArray<{ text: string; glue: boolean }>): string {
  let s = '';
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && !tokens[i].glue) s += ' ';
    s += tokens[i].text;
  }
  return s;
}

/**
 * A JSON object as the canonicalizer writes it (`{"level":"info","user":<USER>,...}`): its top-level
 * keys are tokens (with the `{` or `,` before them, so that the text renders back) and each value,
 * nested objects and all, is one record field. Undefined when the text is not such an object.
 */
function tokenizeJsonRecord(text: string, keptValues: ReadonlySet<string> | undefined, maxTokens: number): FormToken[] | undefined {
  const out: FormToken[] = [];
  let i = 0;
  while (i < text.length - 1) {
    // A key: `{"name":` or `,"name":`
    if ((text[i] !== '{' && text[i] !== ',') || text[i + 1] !== '"') return undefined;
    const keyEnd = endOfString(text, i + 1);
    if (keyEnd < 0 || text[keyEnd + 1] !== ':') return undefined;
    const key = text.slice(i, keyEnd + 2);
    // The value runs to the next top-level `,` or the closing `}`.
    let j = keyEnd + 2;
    let depth = 0;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '"') {
        j = endOfString(text, j);
        if (j < 0) return undefined;
      } else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    const value = text.slice(keyEnd + 2, j);
    const bare = key.slice(2, -2);
    out.push({ text: key, glue: out.length > 0, value: false });
    out.push({ text: value, glue: true, value: isFieldValueLike(value, keptValues), field: true, ...(namesEventKind(bare) ? { code: true } : {}) });
    if (out.length >= maxTokens - 1 && j < text.length - 1) {
      out.push({ text: text.slice(j), glue: true, value: true });
      return out;
    }
    i = j;
  }
  if (text[i] !== '}') return undefined;
  out.push({ text: '}', glue: true, value: false });
  return out;
}

/** The index of the quote that closes the JSON string opening at `start`, or -1. */
function endOfString(text: string, start: number): number {
  for (let k = start + 1; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '"') return k;
  }
  return -1;
}
