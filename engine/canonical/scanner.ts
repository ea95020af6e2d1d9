import type { CanonicalBuilder } from './output.js';
import type { CanonicalOptions, CanonicalRule } from './types.js';
import { applyHandler } from './handlers.js';

/** A rule placed in the combined regex. */
export interface CompiledRule {
  readonly rule: CanonicalRule;
  /** Index of the capture group that wraps this rule in the combined regex. */
  readonly group: number;
  /** The rule alone, sticky with indices, to locate its `value` group; only for rules that have one. */
  readonly valueRegex?: RegExp;
  readonly entity: boolean;
}

/** Rules match only at a token start: not right after a letter, a digit or `_`. */
const TOKEN_START = '(?<![A-Za-z0-9_])';
const VALUE_GROUP = '(?<value>';

/** Number of capture groups in a regex source. */
export function countGroups(source: string): number {
  return new RegExp(`(?:${source})|`).exec('')!.length - 1;
}

function compile(rules: readonly CanonicalRule[], flags: string): { regex: RegExp; compiled: CompiledRule[] } {
  // White space is matched anywhere; every other rule only at a token start. Groups are numbered by
  // their place in the source, so the token-start rules are laid out first.
  const ordered = [
    ...rules.filter((r) => r.handler !== 'space'),
    ...rules.filter((r) => r.handler === 'space'),
  ];
  const tokenStart: string[] = [];
  const anywhere: string[] = [];
  const compiled: CompiledRule[] = [];
  let group = 1;
  for (const rule of ordered) {
    const hasValue = rule.pattern.includes(VALUE_GROUP);
    // Named groups may not repeat in one regex (Node 20): in the combined form `value` is anonymous.
    const source = hasValue ? rule.pattern.split(VALUE_GROUP).join('(') : rule.pattern;
    (rule.handler === 'space' ? anywhere : tokenStart).push(`(${source})`);
    compiled.push({
      rule,
      group,
      valueRegex: hasValue ? new RegExp(rule.pattern, 'dy') : undefined,
      entity: rule.entity ?? true,
    });
    group += 1 + countGroups(source);
  }
  const alternatives = [...(tokenStart.length > 0 ? [`${TOKEN_START}(?:${tokenStart.join('|')})`] : []), ...anywhere];
  const regex = new RegExp(alternatives.length > 0 ? alternatives.join('|') : '(?!)', flags);
  return { regex, compiled };
}

/** What matched at one position: the rule and its match. */
export interface RuleMatch {
  readonly rule: CompiledRule;
  readonly match: RegExpExecArray;
}

/**
 * All rules compiled into one global regex: a line is scanned once, left to right, and at each token
 * start the first rule that matches is applied. Text between matches is copied as is.
 */
export class Scanner {
  private readonly combined: RegExp;
  private readonly rules: CompiledRule[];
  /** Sticky regex of the rules that can describe a value's shape (all but key=value and space). */
  private readonly shapes: RegExp;
  private readonly shapeRules: CompiledRule[];

  constructor(rules: readonly CanonicalRule[], readonly options: CanonicalOptions) {
    const all = compile(rules, 'g');
    this.combined = all.regex;
    this.rules = all.compiled;
    const shapeSource = rules.filter((r) => r.handler !== 'keyValue' && r.handler !== 'space');
    const shapes = compile(shapeSource, 'y');
    this.shapes = shapes.regex;
    this.shapeRules = shapes.compiled;
  }

  /** Appends the canonical form of `text` to `out`. Re-entrant: handlers may scan parts of a line. */
  scan(text: string, out: CanonicalBuilder): void {
    const regex = this.combined;
    let pos = 0;
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      const start = m.index;
      if (start > pos) out.copy(text, pos, start);
      pos = this.apply(which(this.rules, m), m, text, out);
      if (pos <= start) {
        // A rule that consumed nothing would loop forever: keep one character and go on.
        pos = start + 1;
        out.copy(text, start, pos);
      }
      regex.lastIndex = pos;
    }
    out.copy(text, pos, text.length);
  }

  /** The shape rule that matches `text` at `pos`, if any (used to read a value's type). */
  shapeAt(text: string, pos: number): RuleMatch | undefined {
    const regex = this.shapes;
    regex.lastIndex = pos;
    const m = regex.exec(text);
    return m === null ? undefined : { rule: which(this.shapeRules, m), match: m };
  }

  /** Applies a matched rule; returns the position where scanning goes on. */
  apply(compiled: CompiledRule, m: RegExpExecArray, text: string, out: CanonicalBuilder): number {
    const start = m.index;
    const end = start + m[0].length;
    let valueStart = start;
    let valueEnd = end;
    if (compiled.valueRegex !== undefined) {
      compiled.valueRegex.lastIndex = start;
      const range = compiled.valueRegex.exec(text)?.indices?.groups?.value;
      if (range === undefined) {
        out.copy(text, start, end);
        return end;
      }
      [valueStart, valueEnd] = range;
    }
    out.copy(text, start, valueStart);
    const rule = compiled.rule;
    const value = text.slice(valueStart, valueEnd);
    if (rule.handler !== undefined) {
      const next = applyHandler(this, compiled, value, m, text, valueStart, out);
      if (next !== valueEnd) return next;
    } else {
      out.mask(rule.placeholder, compiled.entity ? rule.kind : undefined, value);
    }
    out.copy(text, valueEnd, end);
    return end;
  }
}

function which(rules: readonly CompiledRule[], m: RegExpExecArray): CompiledRule {
  for (let i = 0; i < rules.length; i++) if (m[rules[i].group] !== undefined) return rules[i];
  throw new Error('scanner: a match without a rule');
}
