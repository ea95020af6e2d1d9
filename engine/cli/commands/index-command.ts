import type { Command } from 'commander';
import { addMaskOptions, addModelOptions, addReadOptions } from '../options.js';
import { Progress } from '../progress.js';
import { cachedFor, canonicalizerFor, eventBatchesFrom, modelOnDemand, newBaselineConfig, startModel, type CommonOptions } from '../wiring.js';

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
    // Imported here so that `--help` and the other commands never load SQLite or usearch.
    const [{ ingest }, { Baseline }] = await Promise.all([import('../../ingest/ingest.js'), import('../../store/baseline.js')]);
    const baseline = Baseline.open(opts.store, { create: true });
    try {
      // A new baseline takes its model's name and dimension, so it starts the model now; an existing
      // one knows them and starts the model only if some pattern has no vector yet.
      const existing = baseline.config;
      const model = existing === undefined ? await startModel(opts) : modelOnDemand(opts, existing);
      const config = existing ?? newBaselineConfig(opts, model);
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
        if (summary.unparsed > 0) {
          process.stderr.write(
            `warning: ${summary.unparsed} line(s) could not be parsed and count under the pattern "<unparsed line>" (first: ${summary.firstFailure})\n`,
          );
        }
      } finally {
        await embedder.close();
      }
    } finally {
      baseline.close();
    }
  });
}
