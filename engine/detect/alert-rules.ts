// User alert rules (a JSON file): each names an alert and combines conditions on a line — its cluster,
// similarity in meaning to an example line, keywords, stream labels — with an optional threshold
// ("at least N matching lines within W minutes", optionally per entity value). The same file can tune
// the built-in burst and entity-spread detectors.
import { readFileSync } from 'node:fs';
import { InputError } from '../events/event.js';
import { AlertWindows, type AlertWindowsState } from './alert-windows.js';
import { DEFAULT_BURST_OPTIONS, type BurstOptions } from './burst-detector.js';
import { DEFAULT_ENTITY_SPREAD_OPTIONS, type EntitySpreadOptions } from './entity-spread.js';

export interface AlertRule {
  name: string;
  /** Cluster id as the API shows it, e.g. "c3". */
  cluster?: string;
  /** A line whose meaning the line's pattern must be near (cosine distance ≤ maxDistance). */
  similarTo?: string;
  maxDistance?: number;
  /** Every keyword must occur in the line (case-insensitive). */
  keywords?: string[];
  /** Exact stream label values. */
  labels?: Record<string, string>;
  /** Lines within the window needed to alert. Default 1 (every matching line). */
  minEvents?: number;
  windowMinutes?: number;
  /** Count per value of this entity kind (e.g. "ip") instead of over all lines. */
  groupBy?: string;
  /** Score of the alert, 0..1. Default 0.9. */
  score?: number;
}

export interface DetectionConfig {
  bursts: BurstOptions;
  entitySpread: EntitySpreadOptions;
  rules: AlertRule[];
}

export const DEFAULT_DETECTION_CONFIG: DetectionConfig = {
  bursts: DEFAULT_BURST_OPTIONS,
  entitySpread: DEFAULT_ENTITY_SPREAD_OPTIONS,
  rules: [],
};

/** Reads and checks a detection config file; every mistake is one line naming the field. */
export function loadDetectionConfig(path: string): DetectionConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError(`cannot read alert rules ${path}: ${(err as Error).message}`);
  }
  return parseDetectionConfig(json, path);
}

export function parseDetectionConfig(json: unknown, origin = 'rules'): DetectionConfig {
  const fail = (msg: string): never => {
    throw new InputError(`${origin}: ${msg}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('expected a JSON object with "rules", "bursts" or "entitySpread"');
  const o = json as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['rules', 'bursts', 'entitySpread'].includes(k)) fail(`unknown key "${k}"`);
  const bursts = { ...DEFAULT_BURST_OPTIONS, ...(o.bursts as object) };
  for (const [k, v] of Object.entries(bursts)) if (!(typeof v === 'number' && v >= 0)) fail(`bursts.${k} must be a number ≥ 0`);
  const entitySpread = { ...DEFAULT_ENTITY_SPREAD_OPTIONS, ...(o.entitySpread as object) };
  if (!Array.isArray(entitySpread.kinds)) fail('entitySpread.kinds must be a list of entity kinds');
  const rulesJson = o.rules ?? [];
  if (!Array.isArray(rulesJson)) fail('"rules" must be a list');
  const names = new Set<string>();
  const rules = (rulesJson as unknown[]).map((r, i): AlertRule => {
    if (typeof r !== 'object' || r === null) return fail(`rules[${i}] must be an object`);
    const rule = r as AlertRule;
    if (typeof rule.name !== 'string' || rule.name === '') fail(`rules[${i}].name must be a non-empty string`);
    if (names.has(rule.name)) fail(`rules[${i}]: duplicate rule name "${rule.name}"`);
    names.add(rule.name);
    if (rule.cluster === undefined && rule.similarTo === undefined && rule.keywords === undefined && rule.labels === undefined) {
      fail(`rule "${rule.name}" needs at least one of cluster, similarTo, keywords, labels`);
    }
    if (rule.keywords !== undefined && !(Array.isArray(rule.keywords) && rule.keywords.every((k) => typeof k === 'string'))) {
      fail(`rule "${rule.name}": keywords must be a list of strings`);
    }
    for (const k of ['minEvents', 'windowMinutes', 'maxDistance', 'score'] as const) {
      if (rule[k] !== undefined && !(typeof rule[k] === 'number' && rule[k]! >= 0)) fail(`rule "${rule.name}": ${k} must be a number ≥ 0`);
    }
    if (rule.score !== undefined && rule.score > 1) fail(`rule "${rule.name}": score must be within 0..1`);
    return rule;
  });
  return { bursts, entitySpread, rules };
}

/** What a rule sees of one line. */
export interface RuleInput {
  line: string;
  labels: Record<string, string>;
  cluster: string | null;
  entities: Array<{ kind: string; value: string }>;
  timeMs: number;
  /** Distance of the line's pattern to the rule's example (computed by the caller, who has the vectors). */
  distanceTo(rule: AlertRule): number | undefined;
}

export interface RuleAlert {
  rule: AlertRule;
  count: number;
  group?: { kind: string; value: string };
  reason: string;
}

/** Evaluates rules line by line, keeping the threshold windows. */
export class AlertRuleEvaluator {
  private readonly windows: AlertWindows;

  constructor(readonly rules: AlertRule[]) {
    const longestMs = Math.max(1, ...rules.map((r) => r.windowMinutes ?? 5)) * 60_000;
    this.windows = new AlertWindows(longestMs, longestMs);
  }

  evaluate(input: RuleInput): RuleAlert[] {
    const out: RuleAlert[] = [];
    for (const rule of this.rules) {
      const why = this.matches(rule, input);
      if (why === undefined) continue;
      const groups = rule.groupBy ? input.entities.filter((e) => e.kind === rule.groupBy) : [undefined];
      for (const group of groups) {
        const key = `${rule.name}\u0000${group ? group.value : ''}`;
        const minEvents = rule.minEvents ?? 1;
        const windowMs = (rule.windowMinutes ?? 5) * 60_000;
        this.windows.counter.add(key, input.timeMs);
        const count = this.windows.counter.count(key, input.timeMs, windowMs);
        if (count < minEvents) continue;
        const last = this.windows.lastAlertMs.get(key);
        if (minEvents > 1 && last !== undefined && input.timeMs - last < windowMs) continue;
        this.windows.lastAlertMs.set(key, input.timeMs);
        const who = group ? ` from ${group.kind} ${group.value}` : '';
        const reason =
          minEvents > 1
            ? `rule "${rule.name}": ${count} matching lines${who} within ${rule.windowMinutes ?? 5} min (${why})`
            : `rule "${rule.name}" matched (${why})`;
        out.push({ rule, count, group, reason });
      }
    }
    return out;
  }

  prune(): void {
    this.windows.prune();
  }

  state(): AlertWindowsState {
    return this.windows.state();
  }

  restore(state: AlertWindowsState): void {
    this.windows.restore(state);
  }

  /** Why the line matches every condition of the rule, or undefined. */
  private matches(rule: AlertRule, input: RuleInput): string | undefined {
    const why: string[] = [];
    if (rule.cluster !== undefined) {
      if (input.cluster !== rule.cluster) return undefined;
      why.push(`in cluster ${rule.cluster}`);
    }
    if (rule.keywords !== undefined) {
      const lower = input.line.toLowerCase();
      if (!rule.keywords.every((k) => lower.includes(k.toLowerCase()))) return undefined;
      why.push(`contains ${rule.keywords.map((k) => JSON.stringify(k)).join(', ')}`);
    }
    if (rule.labels !== undefined) {
      for (const [k, v] of Object.entries(rule.labels)) if (input.labels[k] !== v) return undefined;
      why.push('labels match');
    }
    if (rule.similarTo !== undefined) {
      const d = input.distanceTo(rule);
      const max = rule.maxDistance ?? 0.3;
      if (d === undefined || d > max) return undefined;
      why.push(`similar to "${rule.similarTo}" at distance ${d.toFixed(3)}`);
    }
    return why.join('; ');
  }
}
