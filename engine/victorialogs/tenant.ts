// VictoriaLogs tenants are numeric: an AccountID and a ProjectID, sent as headers of those names
// (docs/victorialogs/querying/README.md, "By default the (AccountID=0, ProjectID=0) tenant is queried").
// Log Atlas names one as `N` or `N:M`, which Loki's X-Scope-OrgID cannot carry as it is.

export interface VictoriaLogsTenant {
  accountId: number;
  projectId: number;
}

const TENANT = /^(\d{1,10})(?::(\d{1,10}))?$/;
const MAX_ID = 0xffff_ffff; // uint32 in VictoriaLogs

/** Parses `N` or `N:M`; anything else is an error that says what is expected. */
export function parseTenant(name: string): VictoriaLogsTenant {
  const m = TENANT.exec(name);
  const accountId = m ? Number(m[1]) : NaN;
  const projectId = m?.[2] !== undefined ? Number(m[2]) : 0;
  if (!m || accountId > MAX_ID || projectId > MAX_ID) {
    throw new RangeError(`VictoriaLogs tenant must be AccountID or AccountID:ProjectID (numbers up to ${MAX_ID}), got ${JSON.stringify(name)}`);
  }
  return { accountId, projectId };
}

/** The headers that select a tenant. */
export function tenantHeaders(tenant: VictoriaLogsTenant | undefined): Record<string, string> {
  return tenant ? { AccountID: String(tenant.accountId), ProjectID: String(tenant.projectId) } : {};
}
