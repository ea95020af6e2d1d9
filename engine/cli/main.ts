import { Command, CommanderError } from 'commander';
import { registerAnalyzeCommand } from './commands/analyze-command.js';
import { registerDetectCommand } from './commands/detect-command.js';
import { registerIndexCommand } from './commands/index-command.js';
import { registerReplayCommand } from './commands/replay-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerSimilarCommand } from './commands/similar-command.js';
import { registerTemplatesCommand } from './commands/templates-command.js';
import { exitCodeFor, EXIT_OK } from './errors.js';

export function buildProgram(): Command {
  const program = new Command('logatlas')
    .description('Semantic log clustering and outlier detection: index known logs, find similar events, flag the unknown.')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerIndexCommand(program);
  registerSimilarCommand(program);
  registerDetectCommand(program);
  registerTemplatesCommand(program);
  registerAnalyzeCommand(program);
  registerServeCommand(program);
  registerReplayCommand(program);
  for (const cmd of program.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed its message (or the help).
      return err.exitCode === 0 ? EXIT_OK : exitCodeFor(err);
    }
    process.stderr.write(`logatlas: ${oneLine(err)}\n`);
    if (process.env.LOGATLAS_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return exitCodeFor(err);
  }
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n').filter(Boolean).join(' — ');
}

// A closed stdout (`logatlas detect ... | head`) is a normal way to stop, not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT_OK);
  throw err;
});

process.exitCode = await main(process.argv.slice(2));
