import type { Command } from 'commander';
import type { LokiAuth } from '../../loki/http.js';
import { UsageError } from '../errors.js';

export interface LokiAuthOptions {
  lokiUser?: string;
  lokiBearerEnv?: string;
}

/** Loki credentials from flags and the environment (secrets never on the command line). */
export function lokiAuthFrom(opts: LokiAuthOptions): LokiAuth | undefined {
  if (opts.lokiUser !== undefined) return { username: opts.lokiUser, password: process.env.LOKI_PASSWORD ?? '' };
  if (opts.lokiBearerEnv !== undefined) {
    const token = process.env[opts.lokiBearerEnv];
    if (!token) throw new UsageError(`--loki-bearer-env ${opts.lokiBearerEnv}: that environment variable is empty`);
    return { bearerToken: token };
  }
  return undefined;
}

export function addLokiAuthOptions(cmd: Command): Command {
  return cmd
    .option('--loki-user <name>', 'basic auth user for Loki (password from LOKI_PASSWORD)')
    .option('--loki-bearer-env <var>', 'environment variable holding a bearer token for Loki');
}
