/**
 * Text → token ids truncated the way sentence-transformers does it: at most `maxTokens` ids INCLUDING
 * [CLS] and [SEP], i.e. the first `maxTokens - 1` ids followed by the final [SEP]. (transformers.js's
 * own `truncation: true` keeps `maxTokens` ids and loses the [SEP]; that costs up to 0.008 cosine.)
 *
 * Long lines are tokenized only as far as needed: a BERT tokenizer treats whitespace and most ASCII
 * punctuation as hard word boundaries, so tokenizing a prefix cut at such a boundary yields a prefix
 * of the full line's tokens. We grow the prefix until it yields enough tokens. A 7,000-character
 * line then costs what a 1,000-character one does.
 */

/** The parts of a transformers.js tokenizer used here. */
export interface IdTokenizer {
  encode(text: string): number[];
  normalizer: unknown;
  pre_tokenizer: unknown;
  added_tokens?: Array<{ content: string }>;
}

export type TokenIdEncoder = (text: string) => number[];

// Cutting before one of these characters cannot change the tokens before it: the BERT normalizer is
// character-local and the pre-tokenizer splits here. Left out on purpose: `.`, `:`, `'`, `` ` ``, `^`
// (Unicode "case-ignorable": a Greek capital sigma before them lowercases differently when they end
// the string) and `,`; characters of added tokens ([CLS], [SEP], ...) are removed at runtime.
const CANDIDATE_CUT_CHARS = ' \t\n\r=;"/|(){}<>&!?#%*+@~$-_[]';

/** First prefix tried, in characters per allowed token; log lines run 2–4 characters per token. */
const PREFIX_CHARS_PER_TOKEN = 6;

/** Keeps the first `maxTokens - 1` ids and the final special token ([SEP]) when `ids` is too long. */
export function truncateKeepingLast(ids: number[], maxTokens: number): number[] {
  if (ids.length <= maxTokens) return ids;
  const out = ids.slice(0, maxTokens - 1);
  out.push(ids[ids.length - 1]);
  return out;
}

/** Whether prefix tokenization is exact for this tokenizer (BERT normalizer and pre-tokenizer). */
function supportsPrefixCut(tokenizer: IdTokenizer): boolean {
  const name = (part: unknown) => (part as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name(tokenizer.normalizer) === 'BertNormalizer' && name(tokenizer.pre_tokenizer) === 'BertPreTokenizer';
}

/** Index of the first cut character at or after `from`, or -1. */
function nextCut(text: string, from: number, cutChars: Set<string>): number {
  for (let i = from; i < text.length; i++) if (cutChars.has(text[i])) return i;
  return -1;
}

export function createTokenIdEncoder(tokenizer: IdTokenizer, maxTokens: number): TokenIdEncoder {
  if (!Number.isInteger(maxTokens) || maxTokens < 3) throw new RangeError(`maxTokens must be an integer ≥ 3, got ${maxTokens}`);
  const full: TokenIdEncoder = (text) => truncateKeepingLast(tokenizer.encode(text), maxTokens);
  if (!supportsPrefixCut(tokenizer)) return full;

  const addedChars = new Set((tokenizer.added_tokens ?? []).flatMap((t) => [...t.content]));
  const cutChars = new Set([...CANDIDATE_CUT_CHARS].filter((c) => !addedChars.has(c)));
  const firstPrefix = maxTokens * PREFIX_CHARS_PER_TOKEN;

  return (text) => {
    for (let limit = firstPrefix; limit < text.length; limit *= 2) {
      const cut = nextCut(text, limit, cutChars);
      if (cut < 0) break;
      const ids = tokenizer.encode(text.slice(0, cut));
      // Enough tokens: the prefix's first maxTokens-1 ids are the full line's, and the line is too long.
      if (ids.length >= maxTokens) return truncateKeepingLast(ids, maxTokens);
    }
    return full(text);
  };
}
