// Who a request is: the bearer token decides. The engine token (`--token`) may name any tenant with
// X-Scope-OrgID (a single-tenant engine, or its operator); a tenant token (`--tenant-token T=TOKEN`) is
// bound to its tenant: its requests are that tenant's, and an X-Scope-OrgID naming another is refused.
// Tokens are compared in constant time, all of them on every request, and never logged.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface TenantToken {
  tenant: string;
  token: string;
}

export interface ApiTokens {
  /** The engine token: any tenant by X-Scope-OrgID. */
  token?: string;
  tenantTokens?: TenantToken[];
}

/** What a request's Authorization header proves: any tenant, one tenant, or nothing (undefined). */
export type Caller = { kind: 'engine' } | { kind: 'tenant'; tenant: string };

/** A tenant name: one printable ASCII word of at most 150 characters (what X-Scope-OrgID may carry). */
export const TENANT_RE = /^[\x21-\x7e]{1,150}$/;

const digest = (text: string) => createHash('sha256').update(text).digest();

export class TokenCheck {
  private readonly entries: Array<{ digest: Buffer; caller: Caller }>;

  constructor(tokens: ApiTokens) {
    this.entries = [];
    if (tokens.token) this.entries.push({ digest: digest(`Bearer ${tokens.token}`), caller: { kind: 'engine' } });
    const seen = new Set<string>(tokens.token ? [tokens.token] : []);
    for (const { tenant, token } of tokens.tenantTokens ?? []) {
      if (!token) throw new Error(`tenant ${tenant} has an empty token`);
      if (seen.has(token)) throw new Error(`tenant ${tenant}: a token may serve one tenant only (this one is given twice)`);
      seen.add(token);
      this.entries.push({ digest: digest(`Bearer ${token}`), caller: { kind: 'tenant', tenant } });
    }
    if (this.entries.length === 0) throw new Error('the API needs a token');
  }

  /** The caller an Authorization header proves, or undefined. Every entry is compared (no early exit). */
  caller(authorization: string | undefined): Caller | undefined {
    const got = digest(authorization ?? '');
    let found: Caller | undefined;
    for (const e of this.entries) if (timingSafeEqual(got, e.digest) && found === undefined) found = e.caller;
    return found;
  }
}

/** `TENANT=TOKEN` (the first `=` splits; a tenant is one printable ASCII word). */
export function parseTenantToken(text: string, where: string): TenantToken {
  const eq = text.indexOf('=');
  const tenant = eq > 0 ? text.slice(0, eq).trim() : '';
  const token = eq > 0 ? text.slice(eq + 1).trim() : '';
  if (!TENANT_RE.test(tenant) || tenant.includes('=') || token === '') {
    throw new Error(`${where}: expected TENANT=TOKEN with a non-empty token`);
  }
  return { tenant, token };
}

/** Tenant tokens of a file: one `TENANT=TOKEN` per line; blank lines and `#` comments skipped. */
export function readTenantTokenFile(path: string): TenantToken[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read tenant tokens file ${path}: ${(err as Error).message}`);
  }
  const out: TenantToken[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) out.push(parseTenantToken(t, `${path}:${i + 1}`));
  });
  return out;
}

/** Tenant tokens of an environment variable: `T1=TOKEN1,T2=TOKEN2` (for containers). */
export function tenantTokensFromEnv(value: string | undefined, name: string): TenantToken[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s, i) => parseTenantToken(s, `${name} entry ${i + 1}`));
}
