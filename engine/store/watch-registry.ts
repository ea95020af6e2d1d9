// The service's registry: which tenants exist and which watches each has (service.db in the store
// folder). Each watch's data lives in its own folder (watchDir), so deleting a watch deletes a folder.
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from './database.js';

export interface WatchDefinition {
  tenant: string;
  name: string;
  /** A LogQL log query: stream selector and optional line filters / parsers. */
  selector: string;
  backfillFromMs: number | null;
  createdMs: number;
}

export const REGISTRY_FILE = 'service.db';

export class WatchRegistry {
  private readonly db: SqliteDatabase;

  constructor(readonly storeDir: string) {
    this.db = openDatabase(join(storeDir, REGISTRY_FILE));
  }

  list(tenant?: string): WatchDefinition[] {
    const rows = (
      tenant === undefined
        ? this.db.prepare('SELECT * FROM watches ORDER BY tenant, name').all()
        : this.db.prepare('SELECT * FROM watches WHERE tenant = ? ORDER BY name').all(tenant)
    ) as Array<{ tenant: string; name: string; selector: string; backfill_from_ms: number | null; created_ms: number }>;
    return rows.map((r) => ({ tenant: r.tenant, name: r.name, selector: r.selector, backfillFromMs: r.backfill_from_ms, createdMs: r.created_ms }));
  }

  get(tenant: string, name: string): WatchDefinition | undefined {
    return this.list(tenant).find((w) => w.name === name);
  }

  /** Adds a watch (and its tenant); false when the tenant already has a watch of that name. */
  add(w: WatchDefinition): boolean {
    return this.db.transaction(() => {
      if (this.get(w.tenant, w.name)) return false;
      this.db.prepare('INSERT OR IGNORE INTO tenants (name, created_ms) VALUES (?, ?)').run(w.tenant, w.createdMs);
      this.db
        .prepare('INSERT INTO watches (tenant, name, selector, backfill_from_ms, created_ms) VALUES (?, ?, ?, ?, ?)')
        .run(w.tenant, w.name, w.selector, w.backfillFromMs, w.createdMs);
      return true;
    })();
  }

  /** Changes a watch's query; false when the tenant has no watch of that name. */
  setSelector(tenant: string, name: string, selector: string): boolean {
    return this.db.prepare('UPDATE watches SET selector = ? WHERE tenant = ? AND name = ?').run(selector, tenant, name).changes > 0;
  }

  remove(tenant: string, name: string): boolean {
    return this.db.prepare('DELETE FROM watches WHERE tenant = ? AND name = ?').run(tenant, name).changes > 0;
  }

  tenants(): string[] {
    return (this.db.prepare('SELECT name FROM tenants ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);
  }

  /** A health probe. */
  check(): void {
    this.db.prepare('SELECT 1').get();
  }

  close(): void {
    this.db.close();
  }
}

/** The folder of one watch's data. Tenant names are hex-encoded: any string is a safe, unique folder name. */
export function watchDir(storeDir: string, tenant: string, name: string): string {
  return join(storeDir, 'tenants', Buffer.from(tenant, 'utf8').toString('hex') || '_', 'watches', name);
}
