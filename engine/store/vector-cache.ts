import { createHash } from 'node:crypto';
import type { VectorCache } from '../embed/embedder.js';
import type { SqliteDatabase } from './database.js';

function textHash(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The persistent embedding cache: one row per (model, dtype, text). Vectors are raw float32 bytes. */
export class SqliteVectorCache implements VectorCache {
  private readonly select;
  private readonly insert;

  constructor(private readonly db: SqliteDatabase) {
    this.select = db.prepare('SELECT vector FROM vectors WHERE model = ? AND dtype = ? AND text_hash = ?');
    this.insert = db.prepare('INSERT OR IGNORE INTO vectors (model, dtype, text_hash, text, vector) VALUES (?, ?, ?, ?, ?)');
  }

  getMany(model: string, dtype: string, texts: string[]): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const text of texts) {
      if (out.has(text)) continue;
      const row = this.select.get(model, dtype, textHash(text)) as { vector: Buffer } | undefined;
      if (row !== undefined) out.set(text, bufferToVector(row.vector));
    }
    return out;
  }

  putMany(model: string, dtype: string, entries: Array<[string, Float32Array]>): void {
    this.db.transaction(() => {
      for (const [text, vector] of entries) {
        this.insert.run(model, dtype, textHash(text), text, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
      }
    })();
  }
}

/** Copies the bytes: SQLite's buffer is reused and may not be 4-byte aligned. */
export function bufferToVector(buf: Buffer): Float32Array {
  const copy = new Float32Array(buf.byteLength / 4);
  new Uint8Array(copy.buffer).set(buf);
  return copy;
}
