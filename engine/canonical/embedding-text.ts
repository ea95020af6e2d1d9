/**
 * The text a template is embedded as: what carries meaning, not syntax. From its text (a canonical form
 * with `<*>` at learned parameters):
 * - placeholders of values with no meaning of their own (times, numbers, ids, ports, hosts, sizes,
 *   durations) go: they are the same in almost every line, pull all vectors together and spend tokens on
 *   nothing; those that carry meaning for the model (<IP>, <USER>, <PATH>, <URL>, <EMAIL>) stay, and so
 *   does a learned parameter `<*>` (dropping it measured slightly worse: bench/threshold, README);
 * - `key=` fields left empty (`ruser=`, `message=-`, `status_detail=-`) go;
 * - brackets left empty by the above go, and runs of punctuation shrink to one mark.
 * The template's own text is unchanged: it remains what a person reads.
 *
 * EMBEDDING_TEXT_VERSION names this function's output: a store records it, and vectors of another
 * version are never mixed with these (see BaselineConfig).
 */
export const EMBEDDING_TEXT_VERSION = 2;

/** Variants measured by bench/threshold/evidence.mjs (the default is what the engine embeds). */
export interface EmbeddingTextOptions {
  /** Version 1: placeholders dropped but the rest as it was (the text embedded before templates). */
  version?: 1 | 2;
  /** Drop `<*>` from the text too (measured: detection slightly worse, so not the default). */
  dropParameters?: boolean;
}

const MEANINGLESS_V1 = /<(?:TS|NUM|HEX|UUID|ID|PORT|HOST|SIZE|DURATION|VERSION|THREAD|SID|MAC)>/g;
const MEANINGLESS = MEANINGLESS_V1;
const MEANINGLESS_AND_PARAMETERS = /<(?:TS|NUM|HEX|UUID|ID|PORT|HOST|SIZE|DURATION|VERSION|THREAD|SID|MAC|\*)>/g;
/** A `key=` with nothing after it, or only a dash. */
const EMPTY_FIELD = /(^|\s)[^\s=]{1,80}=(?:-|"")?(?=\s|$)/g;
const EMPTY_BRACKETS = /\[\s*\]|\(\s*\)|\{\s*\}|""|''/g;
const PUNCTUATION_RUN = /([^\p{L}\p{N}\s<>])[^\p{L}\p{N}\s<>]+/gu;

export function embeddingText(canonical: string, options: EmbeddingTextOptions = {}): string {
  if (options.version === 1) {
    const v1 = canonical.replace(MEANINGLESS_V1, ' ').replace(/\s+/g, ' ').trim();
    return v1.length > 0 ? v1 : canonical;
  }
  const text = canonical
    .replace(options.dropParameters ? MEANINGLESS_AND_PARAMETERS : MEANINGLESS, ' ')
    .replace(EMPTY_FIELD, '$1')
    .replace(EMPTY_BRACKETS, ' ')
    .replace(PUNCTUATION_RUN, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  // A line made only of such values still needs some text to embed.
  return text.length > 0 ? text : canonical;
}
