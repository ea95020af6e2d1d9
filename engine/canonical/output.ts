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
 *
 * The text is kept in two parts, up to the last placeholder and after it, and is never read while it
 * grows: reading a string built by `+=` makes V8 copy it flat, and doing that at every placeholder or
 * space made long lines cost quadratic time.
 */
export class CanonicalBuilder {
  readonly entities: Entity[] = [];
  /** The text up to the end of the last placeholder. */
  private head = '';
  /** The text after the last placeholder. */
  private tail = '';
  /** The code of the last character of head + tail, or -1 while both are empty. */
  private lastCode = -1;
  /** The last character of head (what lastCode becomes when the tail is dropped). */
  private headLastCode = -1;
  private lastPlaceholder = '';
  private hasPlaceholder = false;
  /** head before the last placeholder, and the tail it had then (the text between it and the one before). */
  private headBeforePlaceholder = '';
  private tailBeforePlaceholder = '';

  private add(piece: string): void {
    this.tail += piece;
    this.lastCode = piece.charCodeAt(piece.length - 1);
  }

  /** Appends `source[from, to)` as is. */
  copy(source: string, from: number, to: number): void {
    if (to > from) this.add(source.slice(from, to));
  }

  /** Appends `source[from, to)` with runs of white space made one space. */
  copySpaced(source: string, from: number, to: number): void {
    if (to <= from) return;
    const part = source.slice(from, to);
    this.add(MULTI_SPACE.test(part) ? part.replace(/\s+/g, ' ') : part);
  }

  append(literal: string): void {
    if (literal.length > 0) this.add(literal);
  }

  /** Appends one space unless the text is empty or already ends with white space. */
  space(): void {
    if (this.lastCode !== -1 && this.lastCode !== 32 && this.lastCode !== 9) this.add(' ');
  }

  placeholder(placeholder: string): void {
    if (placeholder === this.lastPlaceholder && this.hasPlaceholder) {
      if (this.separatorsOnly(this.tail) || this.repeatsPrefix(this.tail)) {
        this.tail = '';
        this.lastCode = this.headLastCode;
        return;
      }
    }
    this.headBeforePlaceholder = this.head;
    this.tailBeforePlaceholder = this.tail;
    this.head = this.head + this.tail + placeholder;
    this.tail = '';
    this.lastPlaceholder = placeholder;
    this.hasPlaceholder = true;
    if (placeholder.length > 0) this.lastCode = placeholder.charCodeAt(placeholder.length - 1);
    this.headLastCode = this.lastCode;
  }

  /** Whether `text` holds only white space and punctuation that may join a list. */
  private separatorsOnly(text: string): boolean {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128 || !LIST_SEPARATOR[c]) return false;
    }
    return true;
  }

  /** Whether `between` (the text since the last placeholder) is a separator and the prefix it came after. */
  private repeatsPrefix(between: string): boolean {
    const m = REPEATED_PREFIX.exec(between);
    if (m === null) return false;
    const prefix = m[1];
    const before = this.tailBeforePlaceholder;
    // The prefix is almost always within the text since the placeholder before; else the whole text is read.
    return prefix.length <= before.length ? before.endsWith(prefix) : (this.headBeforePlaceholder + before).endsWith(prefix);
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
    return (this.head + this.tail).trim();
  }
}
