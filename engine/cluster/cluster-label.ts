/**
 * A cluster's readable name, built from its templates: the program most of them come from, then the
 * words most of them share, in the order of the most frequent template, with `…` where that template
 * has words or values the others do not share ("sshd: Failed password for … port … ssh2"). A cluster
 * whose templates share too few words is named after its most frequent template's words. Placeholders,
 * timestamps, levels and the syslog / logger header never appear: they say nothing about the theme.
 */

import { LOG_LEVELS } from '../events/log-levels.js';

/** A template as the label builder reads it: its text and how many events it counted. */
export interface LabelledTemplate {
  canonical: string;
  count: number;
}

export const LABEL_MAX_CHARS = 80;
/** Words (and `…`) a label shows at most. */
const MAX_ITEMS = 9;

/** A template split into the program its header names (if any) and the words of its message. */
interface TemplateWords {
  program?: string;
  /** Message words in order; `undefined` marks a value, a placeholder or punctuation (a gap). */
  items: Array<string | undefined>;
}

const PLACEHOLDER = /<\*>|<[A-Z_]+>/g;
// Levels are part of the header, not of what happened ("INFO", "[notice]", "Info,").
const LEVELS = LOG_LEVELS;
// Words too common to name a theme on their own; kept inside a phrase next to a shared word.
const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'for',
  'from',
  'to',
  'in',
  'on',
  'at',
  'by',
  'with',
  'and',
  'or',
  'is',
  'are',
  'was',
  'be',
  'as',
  'it',
  'its',
  'this',
  'that',
]);
/** A header token that names the program: `sshd[<NUM>]:`, `kernel:`, `org.apache.hadoop.Foo:`, `dfs.DataNode$PacketResponder:`. */
const PROGRAM = /^([A-Za-z_][\w.$\-/()]*?)(?:\[[^\]]*\])?:$/;
/** A Java-style thread field that names its class: `[<THREAD>:FastLeaderElection@<NUM>]`. */
const THREAD_CLASS = /^\[[^\]]*:([A-Za-z_][\w$.]*)@[^\]]*\]$/;

/** Readable label of a cluster of templates (an empty string for no templates). */
export function clusterLabel(templates: readonly LabelledTemplate[]): string {
  if (templates.length === 0) return '';
  const read = templates.map((t) => templateWords(t.canonical));
  // The most frequent template is the base the phrase follows (the first one on a tie).
  let base = 0;
  for (let i = 1; i < templates.length; i++) if (templates[i].count > templates[base].count) base = i;

  const n = templates.length;
  const needed = n === 1 ? 1 : Math.max(2, Math.ceil(n / 3));
  const df = new Map<string, number>();
  for (const t of read) {
    for (const w of new Set(t.items.filter((x): x is string => x !== undefined).map((x) => x.toLowerCase()))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const shared = (w: string) => (df.get(w.toLowerCase()) ?? 0) >= needed;

  let phrase = phraseOf(read[base].items, shared);
  if (contentWords(phrase) < 2) {
    // Too little in common: the base template's own words (or, when it has none, the next one's).
    const byCount = [...templates.keys()].sort((a, b) => templates[b].count - templates[a].count || a - b);
    for (const i of [base, ...byCount]) {
      phrase = phraseOf(read[i].items, () => true);
      if (contentWords(phrase) > 0) break;
    }
  }
  const program = sharedProgram(read.map((t) => t.program));
  const words = phrase.join(' ');
  const label = program && words ? `${program}: ${words}` : program || words || templates[base].canonical.replace(/\s+/g, ' ').trim();
  return label.length <= LABEL_MAX_CHARS ? label : `${label.slice(0, LABEL_MAX_CHARS - 1).trimEnd()}…`;
}

/**
 * Labels of several clusters made distinct for display: a repeated label gets ` (2)`, ` (3)`, … in
 * the order given (the first keeps its label).
 */
export function distinctLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const k = (seen.get(l) ?? 0) + 1;
    seen.set(l, k);
    return k === 1 ? l : `${l} (${k})`;
  });
}

/**
 * The program most templates name (more than half of them), else the part every template's program
 * starts with (`QuorumCnxManager` for `QuorumCnxManager.SendWorker` and `QuorumCnxManager.RecvWorker`).
 */
function sharedProgram(programs: ReadonlyArray<string | undefined>): string {
  const counts = new Map<string, number>();
  for (const p of programs) if (p !== undefined) counts.set(p, (counts.get(p) ?? 0) + 1);
  for (const [p, c] of counts) if (c * 2 > programs.length) return p;
  if (programs.some((p) => p === undefined)) return '';
  let prefix = (programs[0] as string).split('.');
  for (const p of programs) {
    const parts = (p as string).split('.');
    let k = 0;
    while (k < prefix.length && k < parts.length && prefix[k] === parts[k]) k++;
    prefix = prefix.slice(0, k);
  }
  return prefix.join('.');
}

/** The base template's words that pass `keep`, a `…` for each run of words or values left out. */
function phraseOf(items: ReadonlyArray<string | undefined>, keep: (w: string) => boolean): string[] {
  const kept = items.map((w) => w !== undefined && keep(w) && !STOPWORDS.has(w.toLowerCase()));
  // A stopword stays when it joins a kept word to the phrase ("Failed password for …"), values between
  // them aside.
  const near = (i: number, step: number) => {
    let j = i + step;
    while (j >= 0 && j < items.length && items[j] === undefined) j += step;
    return j >= 0 && j < items.length && kept[j];
  };
  for (let i = 0; i < items.length; i++) {
    const w = items[i];
    if (w === undefined || !STOPWORDS.has(w.toLowerCase()) || !keep(w)) continue;
    if (near(i, -1) || near(i, 1)) kept[i] = true;
  }
  const out: string[] = [];
  let gap = false;
  for (let i = 0; i < items.length && out.length < MAX_ITEMS; i++) {
    if (!kept[i]) {
      gap = out.length > 0;
      continue;
    }
    if (gap) out.push('…');
    gap = false;
    out.push(items[i]!);
  }
  // A phrase never ends in a stopword or a gap.
  while (out.length > 0 && (out[out.length - 1] === '…' || STOPWORDS.has(out[out.length - 1].toLowerCase()))) out.pop();
  return out;
}

function contentWords(phrase: readonly string[]): number {
  return phrase.filter((w) => w !== '…' && !STOPWORDS.has(w.toLowerCase())).length;
}

/** Splits a template into its header's program and its message words. */
function templateWords(canonical: string): TemplateWords {
  const tokens = canonical
    .replace(/\|/g, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 0);
  let program: string | undefined;
  let i = 0;
  // The header: values, levels, a thread field and at most one program token, in the first few tokens.
  for (; i < tokens.length && i < 8; i++) {
    const t = tokens[i];
    const bare = t.replace(PLACEHOLDER, '').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    if (bare === '' || /^\d+$/.test(bare)) continue;
    if (LEVELS.has(bare.toLowerCase()) && /^[[(]?[A-Za-z]+[\]),:]?$/.test(t)) continue;
    const thread = THREAD_CLASS.exec(t);
    if (thread) {
      program ??= readableProgram(thread[1]);
      continue;
    }
    if (t.startsWith('[') && t.endsWith(']') && t.replace(PLACEHOLDER, '').replace(/[^A-Za-z]/g, '') === '') continue;
    const p = program === undefined && i + 1 < tokens.length ? PROGRAM.exec(t.replace(PLACEHOLDER, '0')) : null;
    if (p) {
      program = readableProgram(p[1]);
      i++;
    }
    break;
  }
  const items: Array<string | undefined> = [];
  for (; i < tokens.length; i++) {
    const word = tokens[i]
      .replace(PLACEHOLDER, ' ')
      .split(' ')
      .map(trimWord)
      .filter((w) => /[A-Za-z]/.test(w));
    if (word.length === 0) {
      if (items[items.length - 1] !== undefined || items.length === 0) items.push(undefined);
      continue;
    }
    // `blk_<NUM>` → `blk`, `uid=<USER>` → `uid`: the word around a value; the value itself is a gap.
    items.push(word.join(' '));
    if (/<\*>|<[A-Z_]+>/.test(tokens[i])) items.push(undefined);
  }
  return { program, items };
}

/**
 * A logger name as a reader says it: a Java class without its package (`org.apache.hadoop.mapreduce.v2.app.MRAppMaster`
 * → `MRAppMaster`, `dfs.DataNode$PacketResponder` → `DataNode.PacketResponder`); other names as they are
 * (`rpc.statd`, `sshd(pam_unix)`).
 */
function readableProgram(name: string): string {
  const dot = name.lastIndexOf('.');
  const last = dot >= 0 && /^[A-Z]/.test(name.slice(dot + 1)) && /^[a-z]/.test(name) ? name.slice(dot + 1) : name;
  return last.replace(/\$/g, '.');
}

/** A word without the punctuation around it (`(uid=` → `uid`, `workerEnv.init()` → `workerEnv.init`). */
function trimWord(w: string): string {
  const t = w.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  // `pam_unix(sshd:auth):` keeps its closing bracket.
  return t.split('(').length > t.split(')').length ? `${t})` : t;
}
