import type { Entity, EntityKind } from './types.js';

/** Characters that may sit between two equal placeholders that are collapsed into one. */
const MULTI_SPACE = /\s\s|[\t\r\n\f\v]/;
const LIST_SEPARATOR = new Uint8Array(128);
for (const c of ' \t,;:._-/@|+') LIST_SEPARATOR[c.charCodeAt(0)] = 1;
/** A list item that repeats the previous one's prefix: ` blk_` in `blk_<NUM> blk_<NUM>`. */
const REPEATED_PREFIX = /^[\s,;|]+([A-Za-z_@#][\w.\-]*)$/;

/**
 * Accumulates the canonical text of one line and its entities. Placeholders of the same kind separated
 * only by punctuation or space collapse into one (`<NUM> <NUM> <NUM>` → `<NUM>`, `blk_<NUM> blk_<NUM>` →
 * `blk_<NUM>`), so that lists of varying length give one canonical form.
 */
export class CanonicalBuilder {
  text = '';
  readonly entities: Entity[] = [];
  private lastPlaceholder = '';
  /** Length of `text` right before the last placeholder. */
  private lastPlaceholderStart = -1;
  /** Length of `text` right after the last placeholder, or -1 when none yet. */
  private lastPlaceholderEnd = -1;

  /** Appends `source[from, to)` as is. */
  copy(source: string, from: number, to: number): void {
    if (to > from) this.text += source.slice(from, to);
  }

  /** Appends `source[from, to)` with runs of white space made one space. */
  copySpaced(source: string, from: number, to: number): void {
    if (to <= from) return;
    const part = source.slice(from, to);
    this.text += MULTI_SPACE.test(part) ? part.replace(/\s+/g, ' ') : part;
  }

  append(literal: string): void {
    this.text += literal;
  }

  /** Appends one space unless the text is empty or already ends with white space. */
  space(): void {
    const n = this.text.length;
    if (n === 0) return;
    const last = this.text.charCodeAt(n - 1);
    if (last !== 32 && last !== 9) this.text += ' ';
  }

  placeholder(placeholder: string): void {
    if (placeholder === this.lastPlaceholder && this.lastPlaceholderEnd >= 0) {
      if (this.separatorsOnlySince(this.lastPlaceholderEnd) || this.repeatsPrefix(this.text.slice(this.lastPlaceholderEnd))) {
        this.text = this.text.slice(0, this.lastPlaceholderEnd);
        return;
      }
    }
    this.lastPlaceholderStart = this.text.length;
    this.text += placeholder;
    this.lastPlaceholder = placeholder;
    this.lastPlaceholderEnd = this.text.length;
  }

  /** Whether `text` from `from` on holds only white space and punctuation that may join a list. */
  private separatorsOnlySince(from: number): boolean {
    const text = this.text;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128 || !LIST_SEPARATOR[c]) return false;
    }
    return true;
  }

  private repeatsPrefix(between: string): boolean {
    const m = REPEATED_PREFIX.exec(between);
    if (m === null) return false;
    const prefix = m[1];
    const at = this.lastPlaceholderStart - prefix.length;
    return at >= 0 && this.text.startsWith(prefix, at);
  }

  /** Masks `value` with `placeholder`, and records it as an entity when `kind` is given (and it is not empty). */
  mask(placeholder: string, kind: EntityKind | undefined, value: string): void {
    this.placeholder(placeholder);
    if (kind !== undefined && value !== '') this.entities.push({ kind, value });
  }

  entity(kind: EntityKind, value: string): void {
    this.entities.push({ kind, value });
  }

  /** The canonical text, trimmed. */
  finish(): string {
    return this.text.trim();
  }
}
