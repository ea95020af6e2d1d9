#!/usr/bin/env node
// The CLI is compiled by `npm run build` (run automatically by `npm ci` through `prepare`).
import('../build/engine/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('build/engine/cli/main.js')) {
    process.stderr.write('logatlas: not built yet; run `npm ci` (or `npm run build`) in the repository first\n');
    process.exit(1);
  }
  throw err;
});
