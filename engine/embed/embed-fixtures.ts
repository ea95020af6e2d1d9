/**
 * Shared data for the embed tests and benchmark: the sentence-transformers reference vectors and
 * real log lines from ../shared/datasets (read in place, never copied into the repository).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AutoTokenizer, env as transformersEnv } from '@huggingface/transformers';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { DEFAULT_MODEL_ID, applyModelSource, developmentModelDir, repoRoot } from './model-location.js';

export interface ReferenceVectors {
  sentences: string[];
  vectors: number[][];
}

export function sharedDatasetsDir(): string {
  return resolve(repoRoot(), '../shared/datasets');
}

/** 108 sentences with their sentence-transformers vectors (see ../shared/models/README.md). */
export function loadReferenceVectors(): ReferenceVectors {
  const path = join(developmentModelDir(), 'reference', 'all-MiniLM-L6-v2.sentence-transformers.json');
  const { sentences, vectors } = JSON.parse(readFileSync(path, 'utf8')) as ReferenceVectors;
  return { sentences, vectors };
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

/** Non-empty lines; the raw files may use CRLF and lack a final newline. */
function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
}

/**
 * `count` distinct raw lines of scalyr-samples/merged_events.txt, spread evenly over the file's
 * distinct lines (every k-th), so every source file of the merge is represented.
 */
export function mergedEventLines(count: number): string[] {
  const distinct = [...new Set(readLines(join(sharedDatasetsDir(), 'scalyr-samples', 'merged_events.txt')))];
  const step = Math.max(1, Math.floor(distinct.length / count));
  const picked: string[] = [];
  for (let i = 0; i < distinct.length && picked.length < count; i += step) picked.push(distinct[i]);
  return picked;
}

/** Distinct raw lines of every loghub-2k `<DS>/<DS>_2k.log`, in dataset order. */
export function loghubLines(perDataset = Infinity): string[] {
  const root = join(sharedDatasetsDir(), 'loghub-2k');
  const lines: string[] = [];
  for (const dataset of readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    lines.push(...readLines(join(root, dataset, `${dataset}_2k.log`)).slice(0, perDataset));
  }
  return [...new Set(lines)];
}

/** A fresh, unmodified transformers.js tokenizer for MiniLM from ../shared/models. */
export async function loadDevelopmentTokenizer(): Promise<PreTrainedTokenizer> {
  applyModelSource({ kind: 'local', dir: developmentModelDir(), origin: 'option' }, transformersEnv);
  return AutoTokenizer.from_pretrained(DEFAULT_MODEL_ID, { local_files_only: true });
}

/** Lines that stress tokenizer corner cases: Unicode, controls, added tokens, long words, sigma. */
export const TOKENIZER_EDGE_CASES: readonly string[] = [
  '',
  'x',
  '   leading and trailing spaces   ',
  'tabs\tand\nnewlines\r\nand\vvertical\fform feed',
  'controls \u0000 nul \u0007 bell \u007f del \u001b[31m ansi',
  'Überprüfung fehlgeschlagen für Benutzer müller — 認証失敗 🚨',
  'ΣΊΣΥΦΟΣ ΟΔΥΣΣΕΥΣ: ΑΣ.Β ΑΣ,Β ΑΣ-Β ΑΣ=Β',
  'café naïve résumé coöperate Ångström ǅ ﬁle ＦＵＬＬＷＩＤＴＨ',
  'zero\u200bwidth\u200djoiner\ufeffbom\u00a0nbsp',
  '[CLS] literal [SEP] tokens [PAD] and [MASK] [UNK] inside [text]',
  'word'.repeat(30) + ' ' + 'a'.repeat(101) + ' ' + 'b'.repeat(100),
  'eni-0fa16b066250eede1 sha256:53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db 0x7ffd5e8c9a10',
  'GET /api/v1/users/12345?filter=active&sort=desc HTTP/1.1 200 1234 "Mozilla/5.0 (X11; Linux x86_64)"',
  '{"level":"error","msg":"connection reset","ts":1679297756.123,"caller":"db/pool.go:118"}',
  'الخادم لا يستجيب 서버가 응답하지 않습니다 サーバーが応答しません Сервер не отвечает',
];
