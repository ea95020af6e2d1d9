import type { Command } from 'commander';
import { ingest } from '../../ingest/ingest.js';
import { Baseline } from '../../store/baseline.js';
import { addMaskOptions, addModelOptions, addReadOptions } from '../options.js';
import { Progress } from '../progress.js';
import { cachedFor, canonicalizerFor, eventBatchesFrom, newBaselineConfig, startModel, type CommonOptions } from '../wiring.js';

export function registerIndexCommand(program: Command): void {
  const cmd = program
    .command('index')
    .summary('build or extend a persisted baseline of known-good logs')
    .description(
      'Reads log files (or - for stdin), counts each distinct canonical pattern, embeds the new ones and\n' +
        'adds them to the baseline in --store. Running it again with more files extends the baseline.',
    )
    .requiredOption('--store <dir>', 'the baseline folder (created if missing)')
    .argument('<files...>', 'log files, or - for standard input');
  addReadOptions(cmd);
  addMaskOptions(cmd);
  addModelOptions(cmd);
  cmd.action(async (files: string[], opts: CommonOptions & { store: string }) => {
    const baseline = Baseline.open(opts.store, { create: true });
    try {
      const model = await startModel(opts, baseline.config);
      const config = baseline.config ?? newBaselineConfig(opts, model);
      baseline.ensureConfig(config);
      const canonicalizer = canonicalizerFor(config);
      const embedder = cachedFor(model, baseline);
      const reading = new Progress('reading');
      const embedding = new Progress('embedding');
      try {
        const summary = await ingest(eventBatchesFrom(files, opts), baseline, canonicalizer, embedder, {
          onProgress: (p) => {
            if (p.phase === 'read') reading.update(p.done, undefined, `events, ${p.patterns} patterns`);
            else {
              reading.done();
              embedding.update(p.done, p.total, 'new patterns');
            }
          },
        });
        reading.done();
        embedding.done();
        process.stderr.write(
          `indexed ${summary.events} events into ${baseline.dir}: ${summary.newPatterns} new patterns, ` +
            `${summary.patterns} in all, ${summary.embedded} embedded\n`,
        );
      } finally {
        await embedder.close();
      }
    } finally {
      baseline.close();
    }
  });
}
