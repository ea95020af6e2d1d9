import { align, generalize, type Alignment, type TemplateToken } from './alignment.js';
import { renderTokens, tokenizeForm, type FormToken } from './form-tokens.js';
import { isGuardedWord } from './guarded-words.js';

/**
 * Templates learned online from canonical forms (Drain's idea of "same event, other parameter values",
 * with two changes): a line joins a template when the two align token by token (insertions allowed, so
 * optional tokens and bracketed extras merge) and every difference is a value (a token with digits, a
 * placeholder, a kept entity such as a user name); and a position where only words differ becomes a
 * parameter only after it has shown `evidenceValues` distinct words (evidence from the data, not a
 * similarity threshold, so `Accepted password` and `Failed password` stay two templates).
 *
 * Keys are stable: a template keeps its key when it is refined; when evidence merges a template into
 * another, the merged key resolves to the one it joined (`resolve`), and `observe` reports the merge so
 * that counts and outliers follow.
 */
export interface TemplateMinerOptions {
  /** Least share of a template's fixed tokens a line must match to join it (or to count as evidence). */
  similarity: number;
  /** Distinct words a position must show before it becomes a parameter. */
  evidenceValues: number;
  /**
   * Least share of distinct words among the near-twin lines seen at a position: a position whose few
   * words repeat (an enum such as `activity_name=Allow|Deny|Reset`) stays part of the template, one whose
   * words are mostly new each time (names, random ids) becomes a parameter.
   */
  evidenceDistinct: number;
  /**
   * Distinct words after which a position opens early when its words are rare (Brain's observation:
   * constants are frequent, parameters are not): the templates that brought them hold at most
   * `rareLines` lines each on average. Infinity: never early.
   */
  rareValues: number;
  /** Mean lines per word, at most, for `rareValues` to apply. */
  rareLines: number;
  /** Distinct values a record field (`key=value`) must show before it becomes a parameter. */
  fieldValues: number;
  /**
   * Distinct values a record field whose key names the kind of event (`EventID`, `severity_id`,
   * `event.type`; see FormToken.code) must show. Never, by default: `EventID=4624` and `EventID=4625`
   * are a logon and a failed logon, however many other ids a source shows.
   */
  codeValues: number;
  /** Tokens of a line the miner reads; a longer tail is one token (bounded work per line). */
  maxTokens: number;
  /** Candidate templates aligned per new form (the closest by shared words). */
  candidates: number;
  /** Templates scanned per bucket (the most recent), so that a flood of distinct lines stays linear. */
  bucketScan: number;
  /**
   * Templates kept at most: past it, a line that fits none counts under one catch-all template, so that a
   * flood of lines unlike each other cannot grow memory without bound.
   */
  maxTemplates: number;
  /** Canonical forms remembered for the exact-form fast path; the oldest are forgotten first. */
  maxForms: number;
  /** Templates that a template remembers as near-twins awaiting evidence. */
  maxSiblings: number;
  /** Positions per template that keep evidence. */
  maxEvidenceSlots: number;
}

export const DEFAULT_MINER_OPTIONS: TemplateMinerOptions = {
  similarity: 0.5,
  evidenceValues: 16,
  evidenceDistinct: 0,
  // Chosen by `npm run eval` with all nine loghub-2k sets as training (leave-one-out per fold there).
  rareValues: 8,
  rareLines: 2,
  fieldValues: 6,
  codeValues: Number.POSITIVE_INFINITY,
  maxTokens: 192,
  candidates: 4,
  bucketScan: 400,
  maxForms: 200_000,
  maxTemplates: 100_000,
  maxSiblings: 64,
  maxEvidenceSlots: 32,
};

export interface MinedTemplate {
  key: number;
  tokens: TemplateToken[];
  text: string;
  /** Distinct other words seen at a constant's slot by lines that differed only there (and elsewhere). */
  evidence: Map<number, SlotEvidence>;
  /** Templates made from lines that were blocked from this one only by words. */
  siblings: number[];
  mergedInto?: number;
  nextSlot: number;
}

/** What one observation did: the template it counts under and how templates changed. */
export interface Observation {
  key: number;
  created: boolean;
  /** Templates whose text changed (refined), including `key`'s own. */
  refined: number[];
  /** Templates merged into others, oldest first: `from` now resolves to `into`. */
  merges: Array<{ from: number; into: number }>;
}

/** A template as persisted: enough to continue learning after a restart. */
export interface TemplateState {
  key: number;
  /** `field`: 1 for a record field's value, 2 for a field whose key names a code. */
  tokens: Array<[kind: 0 | 1 | 2, text: string, glue: 0 | 1, value: 0 | 1, slot: number, field?: 1 | 2]>;
  /** `holders`: per value, in order, the template that brought it (absent in stores from before). */
  evidence: Array<[slot: number, values: string[], seen: number, holders?: number[]]>;
  siblings: number[];
  mergedInto?: number;
}

const KINDS = ['const', 'one', 'any'] as const;

/** The state of a template made of one canonical form (for stores written before templates existed). */
export function stateOfForm(key: number, canonical: string): TemplateState {
  const tokens = tokenizeForm(canonical).map((f, slot): TemplateState['tokens'][number] => {
    const row: TemplateState['tokens'][number] = [0, f.text, f.glue ? 1 : 0, f.value ? 1 : 0, slot];
    if (f.field) row.push(f.code ? 2 : 1);
    return row;
  });
  return { key, tokens, evidence: [], siblings: [] };
}
type Aligned = { template: MinedTemplate; alignment: Alignment };

/** The template a line joins without a blocked move, the most similar first. */
function bestJoin(aligned: Aligned[], similarity: number): Aligned | undefined {
  let best: Aligned | undefined;
  for (const a of aligned) {
    if (a.alignment.blockedSubs.length > 0 || a.alignment.blockedGaps > 0 || a.alignment.similarity < similarity) continue;
    if (!best || a.alignment.similarity > best.alignment.similarity) best = a;
  }
  return best;
}

/**
 * The similar template that only words at aligned positions keep the line from joining: the one with
 * the fewest such words (so that evidence about one position is not spent on a template that differs
 * in another), then the oldest.
 */
function bestEvidence(aligned: Aligned[], similarity: number): Aligned | undefined {
  let best: Aligned | undefined;
  for (const a of aligned) {
    const subs = a.alignment.blockedSubs.length;
    if (a.alignment.blockedGaps > 0 || subs === 0 || a.alignment.similarity < similarity) continue;
    if (!best || subs < best.alignment.blockedSubs.length || (subs === best.alignment.blockedSubs.length && a.template.key < best.template.key)) best = a;
  }
  return best;
}

/** The text of the catch-all template past `maxTemplates`. */
export const OVERFLOW_TEXT = '<lines past the template cap>';

/** Distinct words kept per position: enough to measure the share of new ones. */
const MAX_EVIDENCE_VALUES = 32;

/** What near-twin lines showed at one constant of a template: their words, and how many lines. */
interface SlotEvidence {
  values: Set<string>;
  seen: number;
  /** The template each word came with (word positions only), to weigh how often the word occurs. */
  holders?: Map<string, number>;
}

/** What a record key has shown across the templates of one source (values include the templates' own). */
interface FieldEvidence extends SlotEvidence {
  open: boolean;
}

/** The source a record template belongs to: its first word (`[fortigate]`), or none. */
function scopeOf(tokens: ReadonlyArray<{ text: string; value: boolean; field?: boolean }>): string {
  const first = tokens[0];
  return first !== undefined && !first.value && !first.field ? first.text : '';
}

export class TemplateMiner {
  readonly options: TemplateMinerOptions;
  private readonly templates = new Map<number, MinedTemplate>();
  private readonly forms = new Map<string, number>();
  private readonly byText = new Map<string, number>();
  private readonly buckets = new Map<string, number[]>();
  /** Record templates by source (their first word), and what each source's keys have shown. */
  private readonly scopes = new Map<string, number[]>();
  private readonly fieldEvidence = new Map<string, FieldEvidence>();
  private nextKey = 1;

  /**
   * Lines counted under a template so far, as its owner (the PatternTable) counts them. A miner on its
   * own does not count lines: no word is rare to it, and positions open on `evidenceValues` only.
   */
  linesOf: (key: number) => number = () => Number.POSITIVE_INFINITY;

  constructor(options: Partial<TemplateMinerOptions> = {}, state: Iterable<TemplateState> = []) {
    this.options = { ...DEFAULT_MINER_OPTIONS, ...options };
    for (const s of state) this.restore(s);
  }

  get size(): number {
    return this.byText.size;
  }

  get(key: number): MinedTemplate | undefined {
    return this.templates.get(this.resolve(key));
  }

  /** The live template a key stands for (itself, or the one it was merged into). */
  resolve(key: number): number {
    let t = this.templates.get(key);
    while (t?.mergedInto !== undefined) t = this.templates.get(t.mergedInto);
    return t?.key ?? key;
  }

  /** Live templates, oldest first. */
  *all(): IterableIterator<MinedTemplate> {
    for (const t of this.templates.values()) if (t.mergedInto === undefined) yield t;
  }

  /** The template of a canonical form seen before (the fast path: one Map lookup), else undefined. */
  lookup(canonical: string): number | undefined {
    const known = this.forms.get(canonical);
    return known === undefined ? undefined : this.resolve(known);
  }

  /**
   * The template a canonical form belongs to without learning anything: the known template it would
   * join as it is (differing only in values), or undefined when it would make a new one.
   */
  find(canonical: string, keptValues?: ReadonlySet<string>): number | undefined {
    const known = this.forms.get(canonical);
    if (known !== undefined) return this.resolve(known);
    const line = tokenizeForm(canonical, keptValues, this.options.maxTokens);
    return bestJoin(this.alignCandidates(line), this.options.similarity)?.template.key;
  }

  /** Counts a canonical form: the template it joins (refining it) or a new one. */
  observe(canonical: string, keptValues?: ReadonlySet<string>): Observation {
    const known = this.forms.get(canonical);
    if (known !== undefined) return { key: this.resolve(known), created: false, refined: [], merges: [] };
    const line = tokenizeForm(canonical, keptValues, this.options.maxTokens);
    const obs: Observation = { key: 0, created: false, refined: [], merges: [] };
    const aligned = this.alignCandidates(line);
    const join = bestJoin(aligned, this.options.similarity);
    if (join) {
      obs.key = join.template.key;
      if (join.alignment.generalizes) {
        this.refine(
          join.template,
          generalize(join.template.tokens, line, join.alignment, () => join.template.nextSlot++),
          obs,
        );
      }
    } else if (this.byText.size >= this.options.maxTemplates) {
      // At the cap (a flood of lines unlike each other): the line counts under one catch-all template
      // instead of making more, so that memory stays bounded whatever arrives.
      const overflow = this.overflow();
      obs.key = overflow.key;
      obs.created = overflow.fresh;
    } else {
      const t = this.create(line);
      obs.key = t.key;
      obs.created = true;
      const near = bestEvidence(aligned, this.options.similarity);
      if (near) this.recordEvidence(near.template, near.alignment, t, obs);
    }
    this.remember(canonical, obs.key);
    const made = obs.key;
    obs.key = this.resolve(made);
    if (obs.created && obs.key !== made) {
      // Made and, on the evidence it brought, merged at once: the line joined an existing template.
      obs.created = false;
      obs.merges = obs.merges.filter((m) => m.from !== made);
    }
    return obs;
  }

  /**
   * The words a canonical form fills a template's parameters with (`app_name=Slack` where the template
   * says `app_name=<*>`), named by their record key or `param`. Values the canonicalizer masked or kept
   * as entities are not repeated here: they are entities already.
   */
  parameters(canonical: string, key: number, keptValues?: ReadonlySet<string>): Array<{ name: string; value: string }> {
    const t = this.get(key);
    if (!t || !t.tokens.some((k) => k.kind === 'one')) return [];
    const line = tokenizeForm(canonical, keptValues, this.options.maxTokens);
    const out: Array<{ name: string; value: string }> = [];
    for (const step of align(t.tokens, line).steps) {
      if (step.op !== 'fill') continue;
      const f = line[step.f];
      if (f.value || (keptValues !== undefined && keptValues.has(f.text))) continue;
      const before = step.t > 0 ? t.tokens[step.t - 1] : undefined;
      const name = f.field && before?.kind === 'const' ? before.text.replace(/^[{,]?"?|"?[=:]$/g, '') : 'param';
      out.push({ name: name || 'param', value: f.text.length > 200 ? f.text.slice(0, 200) : f.text });
    }
    return out;
  }

  exportState(key: number): TemplateState {
    const t = this.templates.get(key);
    if (!t) throw new Error(`no template ${key}`);
    return {
      key: t.key,
      tokens: t.tokens.map((k) => {
        const row: TemplateState['tokens'][number] = [KINDS.indexOf(k.kind) as 0 | 1 | 2, k.text, k.glue ? 1 : 0, k.value ? 1 : 0, k.slot];
        if (k.field) row.push(k.code ? 2 : 1);
        return row;
      }),
      evidence: [...t.evidence].map(([slot, e]) =>
        e.holders ? [slot, [...e.values], e.seen, [...e.values].map((v) => e.holders!.get(v) ?? 0)] : [slot, [...e.values], e.seen],
      ),
      siblings: [...t.siblings],
      ...(t.mergedInto !== undefined ? { mergedInto: t.mergedInto } : {}),
    };
  }

  /** Adds a persisted template (see exportState) while loading. */
  restore(s: TemplateState): void {
    const tokens: TemplateToken[] = s.tokens.map(([kind, text, glue, value, slot, field]) => ({
      kind: KINDS[kind],
      text,
      glue: glue === 1,
      value: value === 1,
      slot,
      ...(field ? { field: true } : {}),
      ...(field === 2 ? { code: true } : {}),
    }));
    const t: MinedTemplate = {
      key: s.key,
      tokens,
      text: renderTokens(tokens),
      evidence: new Map(
        s.evidence.map(([slot, values, seen, holders]) => [
          slot,
          { values: new Set(values), seen, ...(holders ? { holders: new Map(values.map((v, i) => [v, holders[i]])) } : {}) },
        ]),
      ),
      siblings: [...s.siblings],
      mergedInto: s.mergedInto,
      nextSlot: tokens.reduce((max, k) => Math.max(max, k.slot + 1), 0),
    };
    this.templates.set(t.key, t);
    if (t.key >= this.nextKey) this.nextKey = t.key + 1;
    const scope = scopeOf(tokens);
    this.noteScope(t, scope);
    tokens.forEach((k, i) => {
      if (!k.field || i === 0) return;
      const fe = this.fieldEvidenceFor(scope, tokens[i - 1].text);
      if (k.kind !== 'const') fe.open = true;
      else fe.values.add(k.text);
      const e = t.evidence.get(k.slot);
      if (e) {
        fe.seen += e.seen;
        for (const v of e.values) if (fe.values.size < MAX_EVIDENCE_VALUES) fe.values.add(v);
      }
    });
    if (t.mergedInto === undefined) {
      this.byText.set(t.text, t.key);
      this.index(t);
    }
  }

  private create(line: FormToken[]): MinedTemplate {
    const tokens: TemplateToken[] = line.map((f, slot) => ({ kind: 'const', text: f.text, glue: f.glue, value: f.value, field: f.field, code: f.code, slot }));
    const scope = scopeOf(tokens);
    if (tokens.some((k) => k.field)) this.openFieldsIn({ tokens }, scope);
    const t: MinedTemplate = { key: this.nextKey++, tokens, text: renderTokens(tokens), evidence: new Map(), siblings: [], nextSlot: tokens.length };
    this.templates.set(t.key, t);
    this.noteScope(t, scope);
    this.byText.set(t.text, t.key);
    this.index(t);
    return t;
  }

  /** The candidate templates for a line, each with its alignment. */
  private alignCandidates(line: FormToken[]): Aligned[] {
    return this.candidates(line).map((template) => ({ template, alignment: align(template.tokens, line) }));
  }

  /** The catch-all template of lines that came after the template cap; made on first use. */
  private overflow(): { key: number; fresh: boolean } {
    const existing = this.byText.get(OVERFLOW_TEXT);
    if (existing !== undefined) return { key: existing, fresh: false };
    const t = this.create([{ text: OVERFLOW_TEXT, glue: false, value: false }]);
    return { key: t.key, fresh: true };
  }

  /**
   * Templates worth aligning with: those sharing one of the line's first two words (or, for a line of
   * values only, its first token), ranked by how many of the line's words they contain.
   */
  private candidates(line: FormToken[]): MinedTemplate[] {
    const words = new Set<string>();
    for (const f of line) if (!f.value) words.add(f.text);
    const seen = new Set<number>();
    const scored: Array<{ t: MinedTemplate; score: number }> = [];
    for (const key of bucketKeys(line)) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      const from = Math.max(0, bucket.length - this.options.bucketScan);
      for (let b = bucket.length - 1; b >= from; b--) {
        const k = bucket[b];
        if (seen.has(k)) continue;
        seen.add(k);
        const t = this.templates.get(k);
        if (!t || t.mergedInto !== undefined) continue;
        let shared = 0;
        let fixedWords = 0;
        for (const tok of t.tokens) {
          if (tok.kind !== 'const' || tok.value) continue;
          fixedWords++;
          if (words.has(tok.text)) shared++;
        }
        const score = shared / Math.max(fixedWords, words.size, 1);
        if (score >= this.options.similarity * 0.5 || (fixedWords === 0 && words.size === 0)) scored.push({ t, score });
      }
    }
    scored.sort((a, b) => b.score - a.score || a.t.key - b.t.key);
    return scored.slice(0, this.options.candidates).map((s) => s.t);
  }

  private noteScope(t: MinedTemplate, scope: string): void {
    if (!t.tokens.some((k) => k.field)) return;
    let list = this.scopes.get(scope);
    if (!list) this.scopes.set(scope, (list = []));
    list.push(t.key);
  }

  private index(t: MinedTemplate): void {
    for (const key of bucketKeys(t.tokens)) {
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = []));
      if (bucket[bucket.length - 1] !== t.key) bucket.push(t.key);
    }
  }

  private refine(t: MinedTemplate, tokens: TemplateToken[], obs: Observation): void {
    this.byText.delete(t.text);
    t.tokens = tokens;
    t.text = renderTokens(tokens);
    for (const slot of [...t.evidence.keys()]) if (!tokens.some((k) => k.slot === slot && k.kind === 'const')) t.evidence.delete(slot);
    if (!obs.refined.includes(t.key)) obs.refined.push(t.key);
    this.index(t);
    const twin = this.byText.get(t.text);
    if (twin !== undefined && twin !== t.key) {
      // Refined into a template that already exists: one event, one template (the older key stays).
      const [into, from] = twin < t.key ? [this.templates.get(twin)!, t] : [t, this.templates.get(twin)!];
      this.byText.set(into.text, into.key);
      this.mergeInto(from, into, obs);
      return;
    }
    this.byText.set(t.text, t.key);
    this.retrySiblings(t, obs);
  }

  /** Records the words a line differed by, and opens positions that have shown enough of them. */
  private recordEvidence(near: MinedTemplate, alignment: Alignment, made: MinedTemplate, obs: Observation): void {
    if (near.siblings.length < this.options.maxSiblings) near.siblings.push(made.key);
    let opened = false;
    const openedFields: string[] = [];
    const scope = scopeOf(near.tokens);
    for (const { slot, text } of alignment.blockedSubs) {
      const index = near.tokens.findIndex((k) => k.slot === slot);
      const token = near.tokens[index];
      if (!token || token.kind !== 'const') continue;
      let e = near.evidence.get(slot);
      if (!e) {
        if (near.evidence.size >= this.options.maxEvidenceSlots) continue;
        near.evidence.set(slot, (e = { values: new Set(), seen: 0 }));
      }
      e.seen++;
      if (e.values.size < MAX_EVIDENCE_VALUES && !e.values.has(text)) {
        e.values.add(text);
        // Only a near-twin that differs at this one word is evidence that the word is a value here;
        // lines differing at several words may be other events (`INFO a b c` and `INFO d e f`).
        if (!token.field && alignment.blockedSubs.length === 1 && alignment.blockedGaps === 0) (e.holders ??= new Map()).set(text, made.key);
      }
      if (token.field) {
        // A record field's values vary with its key, not with the template: evidence is pooled over all
        // templates of the same source, and opening a key opens it in all of them.
        const key = near.tokens[index - 1]?.text ?? '';
        const fe = this.fieldEvidenceFor(scope, key);
        fe.seen++;
        if (fe.values.size < MAX_EVIDENCE_VALUES) {
          fe.values.add(text);
          fe.values.add(token.text);
        }
        if (!fe.open && this.opens(token, { values: fe.values, seen: fe.seen }, 0)) {
          fe.open = true;
          openedFields.push(key);
        }
        continue;
      }
      if (!this.opens(token, e, 1)) continue;
      token.kind = 'one';
      token.text = '<*>';
      token.value = true;
      opened = true;
    }
    if (opened) this.refine(near, near.tokens.slice(), obs);
    for (const key of openedFields) this.openField(scope, key, obs);
  }

  private fieldEvidenceFor(scope: string, key: string): FieldEvidence {
    const id = `${scope}\u0001${key}`;
    let fe = this.fieldEvidence.get(id);
    if (!fe) this.fieldEvidence.set(id, (fe = { values: new Set(), seen: 0, open: false }));
    return fe;
  }

  /** A record key shown to be a parameter: its value becomes `<*>` in every template of the source. */
  private openField(scope: string, key: string, obs: Observation): void {
    for (const k of this.scopes.get(scope) ?? []) {
      const t = this.templates.get(k);
      if (!t || t.mergedInto !== undefined) continue;
      if (this.openFieldsIn(t, scope)) this.refine(t, t.tokens.slice(), obs);
    }
  }

  /** Turns the values of open keys in a template into parameters; true when something changed. */
  private openFieldsIn(t: MinedTemplate | { tokens: TemplateToken[] }, scope: string): boolean {
    let changed = false;
    for (let i = 1; i < t.tokens.length; i++) {
      const token = t.tokens[i];
      if (!token.field || token.kind !== 'const') continue;
      if (!this.fieldEvidence.get(`${scope}\u0001${t.tokens[i - 1].text}`)?.open) continue;
      token.kind = 'one';
      token.text = '<*>';
      token.value = true;
      changed = true;
    }
    return changed;
  }

  /**
   * Whether a position has shown enough distinct words, mostly new ones, to be a parameter. The
   * template's own word counts as one. A guarded word (a level, an outcome) keeps the position closed
   * when it is the template's own or one of several seen there; one guarded look-alike among random
   * values (`oK`) does not.
   */
  private opens(own: TemplateToken, e: SlotEvidence, ownCounts: 0 | 1): boolean {
    const distinct = e.values.size + ownCounts;
    const needed = own.code ? this.options.codeValues : own.field ? this.options.fieldValues : this.options.evidenceValues;
    if (distinct < needed && !(ownCounts === 1 && this.rare(e, distinct))) return false;
    if (distinct / (e.seen + 1) < this.options.evidenceDistinct) return false;
    if (isGuardedWord(own.text)) return false;
    let guarded = 0;
    for (const v of e.values) if (isGuardedWord(v)) guarded++;
    return guarded < 2;
  }

  /** Whether a word position has shown `rareValues` words that each occur in few lines. */
  private rare(e: SlotEvidence, distinct: number): boolean {
    if (distinct < this.options.rareValues || !e.holders || e.holders.size === 0) return false;
    let lines = 0;
    for (const key of e.holders.values()) lines += this.linesOf(this.resolve(key));
    return lines / e.holders.size <= this.options.rareLines;
  }

  /** Near-twins that can now join a refined template do so. */
  private retrySiblings(t: MinedTemplate, obs: Observation): void {
    if (t.mergedInto !== undefined) return;
    for (const key of [...t.siblings]) {
      const s = this.templates.get(key);
      if (!s || s.mergedInto !== undefined || s.key === t.key) continue;
      const asLine: FormToken[] = s.tokens.map((k) => ({ text: k.text, glue: k.glue, value: k.kind !== 'const' || k.value, field: k.field, code: k.code }));
      const alignment = align(t.tokens, asLine);
      if (alignment.blockedSubs.length > 0 || alignment.blockedGaps > 0 || alignment.similarity < this.options.similarity) continue;
      const tokens = alignment.generalizes ? generalize(t.tokens, asLine, alignment, () => t.nextSlot++) : t.tokens;
      this.mergeInto(s, t, obs);
      if (tokens !== t.tokens) {
        this.refine(t, tokens, obs);
        return; // refine retries the remaining siblings
      }
    }
  }

  private mergeInto(from: MinedTemplate, into: MinedTemplate, obs: Observation): void {
    from.mergedInto = into.key;
    if (this.byText.get(from.text) === from.key) this.byText.delete(from.text);
    for (const k of from.siblings) if (k !== into.key && !into.siblings.includes(k) && into.siblings.length < this.options.maxSiblings) into.siblings.push(k);
    into.siblings = into.siblings.filter((k) => k !== from.key);
    obs.merges.push({ from: from.key, into: into.key });
  }

  private remember(canonical: string, key: number): void {
    if (this.forms.size >= this.options.maxForms) {
      // Forget the oldest tenth: they are matched again (and remembered) when they come back.
      let drop = Math.ceil(this.options.maxForms / 10);
      for (const k of this.forms.keys()) {
        this.forms.delete(k);
        if (--drop === 0) break;
      }
    }
    this.forms.set(canonical, key);
  }
}

/**
 * The first two words of a line or template (constants that are not values and hold a letter, so that
 * brackets and separators every line starts with do not make one bucket of everything), else a bucket
 * for lines of values only.
 */
function bucketKeys(tokens: ReadonlyArray<{ text: string; value: boolean; kind?: string }>): string[] {
  const keys: string[] = [];
  for (const t of tokens) {
    if (t.value || (t.kind !== undefined && t.kind !== 'const') || !HAS_LETTER.test(t.text)) continue;
    keys.push(t.text);
    if (keys.length === 2) break;
  }
  if (keys.length === 0) keys.push('#values');
  return keys;
}

const HAS_LETTER = /[A-Za-z]/;
