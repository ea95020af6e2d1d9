/** Entity kinds kept from masked values, for aggregation (who or what is behind a kind of event). */
export type EntityKind = 'ip' | 'user' | 'host' | 'port' | 'mac' | 'email' | 'url' | 'path' | 'id' | string;

export interface Entity {
  kind: EntityKind;
  value: string;
}

/** The result of canonicalizing one message. */
export interface CanonicalResult {
  /** The message with volatile tokens replaced by placeholders such as `<IP>` or `<NUM>`. */
  canonical: string;
  /** The values masked for meaning, kept for aggregation. Order follows the line. */
  entities: Entity[];
  /** Why this line could not be canonicalized: it then counts under UNPARSED_CANONICAL. */
  failure?: string;
}

/**
 * The form of a line that could not be canonicalized (or templated): one visible pattern that counts
 * such lines, so that one hostile line is neither lost nor able to stop its batch.
 */
export const UNPARSED_CANONICAL = '<unparsed line>';

/** The result for a line that failed with `err` at `stage`. */
export function unparsedResult(stage: string, err: unknown): CanonicalResult {
  return { canonical: UNPARSED_CANONICAL, entities: [], failure: `${stage}: ${err instanceof Error ? err.message : String(err)}` };
}

/** Options compatible with macro2micro's flags. */
export interface CanonicalOptions {
  /** `--no-mask-ips`: keep IP addresses as they are. */
  maskIps: boolean;
  /** `--no-mask-numbers`: keep numbers as they are. */
  maskNumbers: boolean;
  /**
   * `--numbers-min-len N`: mask standalone numbers with at least this many digits. Default 1: in the
   * loghub-2k ground truth single digits are variables too (`PacketResponder 1`, `error state 6`), and
   * masking them lifts mean grouping accuracy of canonical forms from 0.60 to 0.87 on raw lines (0.62 to
   * 0.89 on the message part) with the default rules.
   */
  numbersMinLen: number;
  /**
   * Canonical forms longer than this many characters are cut at a space (0: never). The embedding model
   * reads 256 tokens (about 500-600 characters of canonical text), so a longer tail only splits patterns.
   * Optional so that configs saved before it existed still read; absent means the default.
   */
  maxLength?: number;
  /**
   * `--mask-users`: also mask user names in free text (`Failed password for <USER>`). Off by default:
   * the name is kept in the pattern (and recorded as an entity either way), so `root` and `deploy`
   * stay apart and similarity search sees the word. Key=value user fields are always masked.
   */
  maskUsers?: boolean;
}

export const DEFAULT_CANONICAL_OPTIONS: CanonicalOptions = {
  maskIps: true,
  maskNumbers: true,
  numbersMinLen: 1,
  maxLength: 1024,
  maskUsers: false,
};

export interface Canonicalizer {
  canonicalize(text: string): CanonicalResult;
}

/**
 * Built-in value logic a default rule may name. User rules cannot: they are plain regex masks.
 * - `number`: a plain number honours `maskNumbers` and `numbersMinLen` (`<NUM>`); else the placeholder.
 * - `quantity`: a number with a unit (`<SIZE>`, `<DURATION>`) that honours the same options.
 * - `ip`: honours `maskIps`; splits `ip:port` into `<IP>:<PORT>`.
 * - `keyValue`: `key=value`, `key: value`, `"key": value` with key-aware masking.
 * - `httpRequest`: `"GET /path HTTP/1.1" 404 123` in access logs, status class kept.
 * - `hostPort`: a host name with an optional `:port`.
 * - `thread`: a bracketed thread name; a trailing `Class@line` is kept (Zookeeper).
 * - `syslogHeader`: a syslog stamp and host: `<TS> <HOST>`, the host recorded.
 */
export type RuleHandlerName = 'number' | 'quantity' | 'ip' | 'keyValue' | 'httpRequest' | 'hostPort' | 'thread' | 'syslogHeader';

/**
 * One masking rule. All rules are compiled into one scanner; earlier rules win at the same position.
 * Runs of white space always become one space.
 */
export interface CanonicalRule {
  /** Unique name; a user rules file disables a default rule by this name. */
  name: string;
  /**
   * JavaScript regex source, without flags. It is tried only at the start of a token: not right after a
   * letter, digit or `_`, nor inside letters joined by `.`, `$` or `-` (`org.apache.Foo`). With a named
   * group `(?<value>...)` (outside any other group or top-level `|`) only that part is masked; the rest
   * is kept. No backreferences: the rules are joined into one regex.
   */
  pattern: string;
  /**
   * Plain words (letters only) at which the rule may start, e.g. month names for `Dec 10 06:55:46`.
   * A chunk made only of letters is copied without trying any rule unless some rule lists it here.
   */
  words?: string[];
  /** Replacement text, e.g. `<IP>`. */
  placeholder: string;
  /** Entity kind of the masked value, e.g. `ip`, `user`, `time`. */
  kind: EntityKind;
  /** Whether masked values are reported as entities (false for timestamps and plain numbers). */
  entity?: boolean;
  /**
   * Leave the value in the text and only record it as an entity, unless the options ask to mask its
   * kind (see `CanonicalOptions.maskUsers`). For values whose words carry meaning for a reader and for
   * the model: `Failed password for root` is not `Failed password for deploy`.
   */
  keep?: boolean;
  /** What the rule masks and why. */
  description: string;
  handler?: RuleHandlerName;
}
