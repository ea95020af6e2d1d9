import { probeRegex } from './regex-probe.js';
import { readFileSync } from 'node:fs';
import type { CanonicalRule } from './types.js';
import { valueGroupIsTopLevel } from './scanner.js';

/** A user rules file: rules to add (tried before the defaults) and default rules to turn off by name. */
export interface UserRules {
  rules: CanonicalRule[];
  disable: string[];
}

const RULE_FIELDS = new Set(['name', 'pattern', 'placeholder', 'kind', 'description', 'entity', 'words', 'keep']);
const FILE_FIELDS = new Set(['rules', 'disable']);

/** Thrown for a bad user rules file; the message names the file and the rule. */
export class UserRulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserRulesError';
  }
}

/**
 * Reads a JSON user rules file, for example:
 * ```json
 * { "rules": [
 *     { "name": "ticket", "pattern": "TCK-\\d+", "placeholder": "<TICKET>", "kind": "ticket",
 *       "description": "Support tickets" },
 *     { "name": "tenant", "pattern": "tenant (?<value>[a-z]+)", "placeholder": "<TENANT>", "kind": "tenant",
 *       "words": ["tenant"], "entity": true } ],
 *   "disable": ["email"] }
 * ```
 * `name`, `pattern`, `placeholder`, `kind` are required; `words` lists the plain words a rule may start
 * at (see CanonicalRule); a rule named like a default one replaces it. Errors name the file and the rule.
 */
export function loadUserRules(path: string): UserRules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserRulesError(`user rules ${path}: cannot read: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserRulesError(`user rules ${path}: not valid JSON: ${(err as Error).message}`);
  }
  return parseUserRules(data, path);
}

/** Validates parsed user rules; `source` (a file name) prefixes every error. */
export function parseUserRules(data: unknown, source: string): UserRules {
  const fail = (what: string): never => {
    throw new UserRulesError(`user rules ${source}: ${what}`);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail('expected an object with "rules" and/or "disable"');
  }
  const obj = data as Record<string, unknown>;
  for (const field of Object.keys(obj)) if (!FILE_FIELDS.has(field)) fail(`unknown field "${field}" (expected "rules", "disable")`);
  const rules: CanonicalRule[] = [];
  const names = new Set<string>();
  const rawRules = obj.rules ?? [];
  if (!Array.isArray(rawRules)) fail('"rules" must be an array');
  (rawRules as unknown[]).forEach((raw, i) => {
    const rule = parseRule(raw, `rules[${i}]`, fail);
    if (names.has(rule.name)) fail(`rule "${rule.name}" (rules[${i}]): duplicate name`);
    names.add(rule.name);
    rules.push(rule);
  });
  const disable = obj.disable ?? [];
  if (!Array.isArray(disable) || disable.some((d) => typeof d !== 'string')) fail('"disable" must be an array of rule names');
  return { rules, disable: disable as string[] };
}

function parseRule(raw: unknown, where: string, fail: (what: string) => never): CanonicalRule {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(`${where}: expected an object`);
  const r = raw as Record<string, unknown>;
  const label = typeof r.name === 'string' && r.name !== '' ? `rule "${r.name}" (${where})` : where;
  for (const field of Object.keys(r)) {
    if (!RULE_FIELDS.has(field)) fail(`${label}: unknown field "${field}" (expected ${[...RULE_FIELDS].join(', ')})`);
  }
  for (const field of ['name', 'pattern', 'placeholder', 'kind']) {
    if (typeof r[field] !== 'string' || r[field] === '') fail(`${label}: missing or empty string field "${field}"`);
  }
  if (r.description !== undefined && typeof r.description !== 'string') fail(`${label}: "description" must be a string`);
  if (r.entity !== undefined && typeof r.entity !== 'boolean') fail(`${label}: "entity" must be true or false`);
  if (r.keep !== undefined && typeof r.keep !== 'boolean') fail(`${label}: "keep" must be true or false`);
  const words = r.words;
  if (words !== undefined && (!Array.isArray(words) || words.some((w) => typeof w !== 'string' || !/^[A-Za-z]+$/.test(w)))) {
    fail(`${label}: "words" must be an array of plain words (letters only)`);
  }
  const pattern = r.pattern as string;
  checkPattern(pattern, (what) => fail(`${label}: ${what}`));
  return {
    name: r.name as string,
    pattern,
    placeholder: r.placeholder as string,
    kind: r.kind as string,
    description: (r.description as string | undefined) ?? '',
    entity: r.entity as boolean | undefined,
    words: words as string[] | undefined,
    ...(r.keep !== undefined ? { keep: r.keep as boolean } : {}),
  };
}

function checkPattern(pattern: string, fail: (what: string) => never): void {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (err) {
    fail(`invalid regex /${pattern}/: ${(err as Error).message}`);
  }
  // Rules are joined into one regex, so group numbers shift: backreferences would point elsewhere.
  if (/\\[1-9]|\\k</.test(pattern)) fail(`pattern /${pattern}/ uses a backreference, which rules cannot`);
  if (regex!.test('')) fail(`pattern /${pattern}/ matches the empty string`);
  const named = pattern.match(/\(\?<([A-Za-z_$][\w$]*)>/g) ?? [];
  if (named.some((g) => g !== '(?<value>')) fail(`pattern /${pattern}/: the only named group allowed is (?<value>...)`);
  if (named.length > 1) fail(`pattern /${pattern}/: (?<value>...) may appear once`);
  if (!valueGroupIsTopLevel(pattern)) {
    fail(`pattern /${pattern}/: (?<value>...) must be outside any group or alternation (wrap alternatives in (?:...))`);
  }
  const hostage = probeRegex(pattern);
  if (hostage !== undefined) fail(`pattern /${pattern}/ is refused: ${hostage}`);
}

/**
 * The rule list a canonicalizer compiles: user rules first (they win at the same position), then the
 * defaults minus disabled ones and minus those a user rule of the same name replaces.
 */
export function mergeRules(defaults: readonly CanonicalRule[], user: UserRules | undefined, source = 'user rules'): CanonicalRule[] {
  if (user === undefined) return [...defaults];
  const known = new Set(defaults.map((r) => r.name));
  for (const name of user.disable) {
    if (!known.has(name)) {
      throw new UserRulesError(`${source}: cannot disable unknown rule "${name}" (known: ${[...known].join(', ')})`);
    }
  }
  const off = new Set([...user.disable, ...user.rules.map((r) => r.name)]);
  return [...user.rules, ...defaults.filter((r) => !off.has(r.name))];
}
