import { DataQuery, DataSourceJsonData } from '@grafana/schema';

// Mirrors pkg/plugin/query.go (Query) and settings.go (jsonSettings); the Go side validates.
export type QueryType = 'volumes' | 'outliers' | 'outlierCount' | 'newPatternCount' | 'scatter' | 'similar' | 'clusters';

export interface LogAtlasQuery extends DataQuery {
  queryType?: QueryType;
  watch?: string;
  labels?: string;
  clusters?: string[];
  top?: number;
  limit?: number;
  minScore?: number;
  line?: string;
  pattern?: string;
  k?: number;
}

export const QUERY_TYPES: Array<{ value: QueryType; label: string; description: string }> = [
  { value: 'volumes', label: 'Volumes', description: 'Events per cluster over time (time series)' },
  { value: 'outliers', label: 'Outliers', description: 'Unusual events with reasons and links (table)' },
  { value: 'outlierCount', label: 'Outlier count', description: 'Outliers per interval (time series, for alert rules)' },
  { value: 'newPatternCount', label: 'New patterns', description: 'First-seen patterns per interval (time series, for alert rules)' },
  { value: 'scatter', label: 'Pattern map', description: 'UMAP position of every pattern (for the pattern map panel)' },
  { value: 'similar', label: 'Similar', description: 'Events that mean the same as a line or pattern' },
  { value: 'clusters', label: 'Clusters', description: 'Clusters with sizes and top entities (table)' },
];

export const DEFAULT_QUERY: Partial<LogAtlasQuery> = { queryType: 'volumes', top: 10 };

/** Where "Open in Explore" links lead (pkg/plugin/links.go). */
export type LogStoreKind = 'loki' | 'victorialogs';

export interface LogAtlasOptions extends DataSourceJsonData {
  engineUrl?: string;
  tenant?: string;
  /** Which log store the Explore links open; unset = loki. */
  exploreLogStore?: LogStoreKind;
  lokiDatasourceUid?: string;
  victoriaLogsDatasourceUid?: string;
  defaultWatch?: string;
  timeoutSeconds?: number;
}

export interface LogAtlasSecureOptions {
  engineToken?: string;
}

export interface Watch {
  name: string;
  selector: string;
  state?: string;
  error?: string;
}

export interface SimilarResult {
  pattern: string;
  canonical: string;
  distance: number;
  count: number;
  example: string;
  cluster: string;
  labels?: Record<string, string>;
}

export interface SimilarRequest {
  watch: string;
  line?: string;
  pattern?: string;
  k?: number;
}
