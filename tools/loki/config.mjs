// The Loki configuration for tests and demos: one process (target `all`), filesystem storage under one
// directory, an in-memory ring, schema v13 on TSDB with structured metadata, and every listener on
// 127.0.0.1. Nothing here talks to another address: usage reporting is off and no ruler/alertmanager,
// memberlist peers or caches are configured.
import { join } from 'node:path';

/**
 * @param {{ port: number, grpcPort: number, dir: string, auth?: boolean, logLevel?: string }} opts
 * @returns {string} the YAML text
 */
export function lokiConfigYaml({ port, grpcPort, dir, auth = false, logLevel = 'warn' }) {
  const q = (s) => JSON.stringify(s); // JSON strings are valid YAML scalars, and quote any path safely
  return `# Written by tools/loki/run.mjs; rewritten on every start.
target: all
auth_enabled: ${auth ? 'true' : 'false'}

server:
  http_listen_address: 127.0.0.1
  http_listen_port: ${port}
  grpc_listen_address: 127.0.0.1
  grpc_listen_port: ${grpcPort}
  log_level: ${logLevel}
  grpc_server_max_concurrent_streams: 1000
  # Stops promptly on SIGTERM even with open tail websockets (the default waits 30 s).
  graceful_shutdown_timeout: 2s

common:
  instance_addr: 127.0.0.1
  path_prefix: ${q(dir)}
  storage:
    filesystem:
      chunks_directory: ${q(join(dir, 'chunks'))}
      rules_directory: ${q(join(dir, 'rules'))}
  replication_factor: 1
  ring:
    instance_addr: 127.0.0.1
    kvstore:
      store: inmemory

memberlist:
  bind_addr: [127.0.0.1]
  advertise_addr: 127.0.0.1

ingester:
  lifecycler:
    # Without these the ingester waits 15 s before /ready answers.
    min_ready_duration: 0s
    final_sleep: 0s
  wal:
    dir: ${q(join(dir, 'wal'))}

pattern_ingester:
  enabled: false
  lifecycler:
    min_ready_duration: 0s

frontend:
  scheduler_dns_lookup_period: 500ms

frontend_worker:
  dns_lookup_duration: 500ms

compactor:
  working_directory: ${q(join(dir, 'compactor'))}

ruler:
  rule_path: ${q(join(dir, 'rules-tmp'))}

# Tests push back-dated lines and read them at once: no cached answer may hide them.
query_range:
  cache_results: false
  cache_index_stats_results: false
  cache_volume_results: false
  cache_series_results: false
  cache_label_results: false

schema_config:
  configs:
    - from: 2020-10-24
      store: tsdb
      object_store: filesystem
      schema: v13
      index:
        prefix: index_
        period: 24h

limits_config:
  allow_structured_metadata: true
  # The replayer pushes recorded logs with their original timestamps.
  reject_old_samples: false
  max_entries_limit_per_query: 5000

analytics:
  reporting_enabled: false

tracing:
  enabled: false
`;
}
