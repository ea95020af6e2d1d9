import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env as transformersEnv } from '@huggingface/transformers';
import {
  DEFAULT_MODEL_ID,
  MODEL_DIR_ENV_VAR,
  ModelNotFoundError,
  applyModelSource,
  checkLocalModel,
  developmentModelDir,
  requiredModelFiles,
  resolveModelSource,
} from './model-location.js';
import { TransformersEmbedder } from './minilm.js';

const scratch = mkdtempSync(join(tmpdir(), 'logatlas-model-location-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function folderWith(name: string, files: string[]): string {
  const dir = join(scratch, name);
  for (const file of files) {
    const target = join(dir, DEFAULT_MODEL_ID, file);
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(join(developmentModelDir(), DEFAULT_MODEL_ID, file), target);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('resolveModelSource', () => {
  it('prefers the modelDir option, then LOGATLAS_MODEL_DIR, then the hub', () => {
    assert.deepEqual(resolveModelSource({ modelDir: '/a', env: { [MODEL_DIR_ENV_VAR]: '/b' } }), { kind: 'local', dir: '/a', origin: 'option' });
    assert.deepEqual(resolveModelSource({ env: { [MODEL_DIR_ENV_VAR]: '/b' } }), { kind: 'local', dir: '/b', origin: 'env' });
    assert.deepEqual(resolveModelSource({ env: {} }), { kind: 'hub' });
  });

  it('resolves a relative folder against the working directory', () => {
    const source = resolveModelSource({ modelDir: '../shared/models' });
    assert.equal(source.kind === 'local' && source.dir, join(process.cwd(), '../shared/models'));
  });
});

describe('applyModelSource', () => {
  it('local: reads only from the folder; hub: remote allowed and transformers.js defaults restored', () => {
    const env = { localModelPath: '/models/', allowLocalModels: true, allowRemoteModels: true };
    applyModelSource({ kind: 'local', dir: '/x/models', origin: 'option' }, env);
    assert.deepEqual(env, { localModelPath: '/x/models/', allowLocalModels: true, allowRemoteModels: false });
    applyModelSource({ kind: 'hub' }, env);
    assert.deepEqual(env, { localModelPath: '/models/', allowLocalModels: true, allowRemoteModels: true });
  });
});

describe('developmentModelDir', () => {
  it('is ../shared/models from the repository root and holds the complete model', () => {
    assert.match(developmentModelDir(), /\/shared\/models$/);
    for (const dtype of ['q8', 'fp32'] as const) checkLocalModel(developmentModelDir(), DEFAULT_MODEL_ID, dtype);
  });
});

describe('checkLocalModel', () => {
  it('an empty folder: one error naming the folder, every missing file, and the fix', () => {
    const empty = folderWith('empty', []);
    const error = captureError(() => checkLocalModel(empty, DEFAULT_MODEL_ID, 'q8', 'option'));
    assert.ok(error instanceof ModelNotFoundError);
    assert.deepEqual(error.missingFiles, requiredModelFiles('q8'));
    assert.deepEqual(error.lookedIn, [join(empty, DEFAULT_MODEL_ID)]);
    assert.ok(error.message.includes(empty));
    assert.ok(error.message.includes('--model-dir DIR'));
    assert.ok(error.message.includes(MODEL_DIR_ENV_VAR));
    assert.ok(error.message.includes(`DIR/${DEFAULT_MODEL_ID}/onnx/model_quantized.onnx`));
  });

  it('a folder holding only part of the files lists exactly the missing ones', () => {
    const partial = folderWith('partial', ['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']);
    const q8 = captureError(() => checkLocalModel(partial, DEFAULT_MODEL_ID, 'q8'));
    assert.ok(q8 instanceof ModelNotFoundError);
    assert.deepEqual(q8.missingFiles, ['tokenizer_config.json']);
    const fp32 = captureError(() => checkLocalModel(partial, DEFAULT_MODEL_ID, 'fp32'));
    assert.ok(fp32 instanceof ModelNotFoundError);
    assert.deepEqual(fp32.missingFiles, ['tokenizer_config.json', 'onnx/model.onnx']);
    assert.match(fp32.message, /missing in .*: tokenizer_config\.json, onnx\/model\.onnx/);
  });

  it('a folder that does not exist says so', () => {
    const error = captureError(() => checkLocalModel(join(scratch, 'nope'), DEFAULT_MODEL_ID, 'fp32', 'env'));
    assert.ok(error instanceof ModelNotFoundError);
    assert.match(error.message, /does not exist/);
    assert.match(error.message, /from LOGATLAS_MODEL_DIR/);
  });
});

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected an error');
}

describe('TransformersEmbedder.load where the model is missing', () => {
  it('from an empty --model-dir: ModelNotFoundError before transformers.js is asked', async () => {
    const empty = folderWith('empty-load', []);
    await assert.rejects(TransformersEmbedder.load({ modelDir: empty }), (error: Error) => {
      assert.ok(error instanceof ModelNotFoundError);
      assert.ok(error.message.includes(join(empty, DEFAULT_MODEL_ID)));
      return true;
    });
  });

  it('from LOGATLAS_MODEL_DIR holding only the q8 files, asking for fp32', async () => {
    const partial = folderWith('q8-only', [...requiredModelFiles('q8')]);
    await assert.rejects(TransformersEmbedder.load({ dtype: 'fp32', env: { [MODEL_DIR_ENV_VAR]: partial } }), (error: Error) => {
      assert.ok(error instanceof ModelNotFoundError);
      assert.deepEqual(error.missingFiles, ['onnx/model.onnx']);
      assert.match(error.message, /from LOGATLAS_MODEL_DIR/);
      return true;
    });
  });

  it('from an unreachable hub: ModelNotFoundError saying the hub could not be reached, and the fix', async () => {
    const saved = { remoteHost: transformersEnv.remoteHost, cacheDir: transformersEnv.cacheDir };
    transformersEnv.remoteHost = 'http://127.0.0.1:9/'; // discard port: connection refused, no network needed
    transformersEnv.cacheDir = join(scratch, 'empty-cache');
    try {
      await assert.rejects(TransformersEmbedder.load({ env: {} }), (error: Error) => {
        assert.ok(error instanceof ModelNotFoundError, String(error));
        assert.match(error.message, /Hugging Face hub .* could not be reached/);
        assert.ok(error.message.includes(join(scratch, 'empty-cache')));
        assert.ok(error.message.includes('--model-dir DIR'));
        return true;
      });
    } finally {
      Object.assign(transformersEnv, saved);
    }
    assert.equal(existsSync(join(scratch, 'empty-cache', DEFAULT_MODEL_ID, 'onnx')), false);
  });
});
