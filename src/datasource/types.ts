import { DataQuery, DataSourceJsonData } from '@grafana/schema';

// Mirrors pkg/plugin/query.go (Query) and settings.go (jsonSettings); the Go side validates.
export type QueryType = 'volumes' | 'outliers' | 'outlierCount' | 'newPatternCount' | 'scatter' | 'similar' | 'clusters' | 'changes' | 'changedTemplateCount';

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
  /** changes: compare with the same range this much earlier ("1d", "7d"); unset = the window just before. */
  baselineShift?: string;
}

export const QUERY_TYPES: Array<{ value: QueryType; label: string; description: string }> = [
  { value: 'volumes', label: 'Volumes', description: 'Events per cluster over time (time series)' },
  { value: 'outliers', label: 'Outliers', description: 'Unusual events with reasons and links (table)' },
  { value: 'outlierCount', label: 'Outlier count', description: 'Outliers per interval (time series, for alert rules)' },
  { value: 'newPatternCount', label: 'New patterns', description: 'First-seen patterns per interval (time series, for alert rules)' },
  { value: 'scatter', label: 'Pattern map', description: 'UMAP position of every pattern (for the pattern map panel)' },
  { value: 'similar', label: 'Similar', description: 'Events that mean the same as a line or pattern' },
  { value: 'clusters', label: 'Clusters', description: 'Clusters with sizes and top entities (table)' },
  { value: 'changes', label: 'Changes', description: 'Templates new, gone, grown or shrunk against the range before (table)' },
  {
    value: 'changedTemplateCount',
    label: 'Grown templates',
    description: 'Templates whose rate rose significantly per interval (time series, for alert rules)',
  },
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
  backfillFromMs?: number;
  state?: string;
  cursorMs?: number | null;
  error?: string;
}

/** POST /feedback: mark a cluster normal or suppress one pattern's outliers. */
export type FeedbackKind = 'normal_cluster' | 'suppress_pattern';

export interface Feedback {
  id: string;
  kind: FeedbackKind;
  target: string;
  note?: string | null;
  createdMs: number;
  patterns?: string[];
}

/** One template's change between a baseline window and the range looked at (GET /changes, docs/api.md). */
export type ChangeStatus = 'new' | 'gone' | 'grown' | 'shrunk' | 'steady';

export interface ChangeRow {
  pattern?: string;
  status: ChangeStatus;
  /** The template as a person reads it. */
  canonical: string;
  cluster?: string | null;
  clusterLabel?: string | null;
  count: number;
  baselineCount: number;
  ratio?: number | null;
  pValue?: number;
  /** −log10(pValue): how surprising the change is. */
  score: number;
  examples?: string[];
  /** LogQL selecting exactly this template's lines; logsql: its VictoriaLogs translation. */
  query?: string;
  logsql?: string | null;
  /** False when the query may miss some of the template's lines. */
  exact?: boolean;
}

export interface Changes {
  from: number;
  to: number;
  baselineFrom: number;
  baselineTo: number;
  templates: ChangeRow[];
}

/** One template matching a description (POST /search, docs/api.md). */
export interface SearchResult {
  pattern: string;
  canonical: string;
  /** 1 − cosine distance. */
  score?: number;
  distance?: number;
  count?: number;
  cluster?: string | null;
  clusterLabel?: string | null;
  example?: string;
  /** LogQL selecting exactly this template's lines; logsql: its VictoriaLogs translation. */
  query: string;
  logsql?: string | null;
  exact?: boolean;
}

export interface SimilarResult {
  pattern: string;
  canonical: string;
  distance: number;
  count: number;
  example: string;
  cluster: string;
  /** Readable cluster name (engines with cluster labels). */
  clusterLabel?: string;
  labels?: Record<string, string>;
}

export interface SimilarRequest {
  watch: string;
  line?: string;
  pattern?: string;
  k?: number;
}
