import { DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

import { ExploreTarget, exploreTarget } from './exploreLinks';
import { DEFAULT_QUERY, LogAtlasOptions, LogAtlasQuery, SimilarRequest, SimilarResult, Watch } from './types';

/** The Log Atlas data source: queries run in the Go backend (pkg/); resources proxy to the engine. */
export class LogAtlasDataSource extends DataSourceWithBackend<LogAtlasQuery, LogAtlasOptions> {
  readonly defaultWatch?: string;
  /** The log store data source "Open in Explore" links lead to. */
  readonly explore: ExploreTarget;

  constructor(settings: DataSourceInstanceSettings<LogAtlasOptions>) {
    super(settings);
    this.defaultWatch = settings.jsonData.defaultWatch;
    this.explore = exploreTarget(settings.jsonData);
  }

  getDefaultQuery(): Partial<LogAtlasQuery> {
    return { ...DEFAULT_QUERY, watch: this.defaultWatch };
  }

  applyTemplateVariables(query: LogAtlasQuery, scoped: ScopedVars): LogAtlasQuery {
    const t = getTemplateSrv();
    const r = (s?: string) => (s ? t.replace(s, scoped) : s);
    return { ...query, watch: r(query.watch), labels: r(query.labels), line: r(query.line), pattern: r(query.pattern) };
  }

  filterQuery(query: LogAtlasQuery): boolean {
    return !query.hide;
  }

  async getWatches(): Promise<Watch[]> {
    const r = await this.getResource<{ watches: Watch[] }>('watches');
    return r.watches ?? [];
  }

  async similar(req: SimilarRequest): Promise<SimilarResult[]> {
    const r = await this.postResource<{ results: SimilarResult[] }>('similar', req);
    return r.results ?? [];
  }
}
