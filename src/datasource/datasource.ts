import { DataSourceInstanceSettings, MetricFindValue, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getAppEvents, getBackendSrv, getTemplateSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { ExploreTarget, exploreTarget } from './exploreLinks';
import { FeedbackChangedEvent } from './feedbackEvents';
import { Changes, DEFAULT_QUERY, Feedback, FeedbackKind, LogAtlasOptions, LogAtlasQuery, SearchResult, SimilarRequest, SimilarResult, Watch } from './types';

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

  /** Variable query: the watch names (a dashboard's or the app's `watch` variable). */
  async metricFindQuery(): Promise<MetricFindValue[]> {
    return (await this.getWatches()).map((w) => ({ text: w.name, value: w.name }));
  }

  async getWatches(): Promise<Watch[]> {
    const r = await this.getResource<{ watches: Watch[] }>('watches');
    return r.watches ?? [];
  }

  createWatch(w: { name: string; selector: string; backfillFromMs?: number }): Promise<Watch> {
    return this.postResource<Watch>('watches', w);
  }

  deleteWatch(name: string): Promise<void> {
    return this.deleteResource(`watches/${encodeURIComponent(name)}`);
  }

  async similar(req: SimilarRequest): Promise<SimilarResult[]> {
    const r = await this.postResource<{ results: SimilarResult[] }>('similar', req);
    return r.results ?? [];
  }

  async feedback(watch: string): Promise<Feedback[]> {
    const r = await this.getResource<{ feedback: Feedback[] }>('feedback', { watch });
    return r.feedback ?? [];
  }

  async giveFeedback(watch: string, kind: FeedbackKind, target: string): Promise<Feedback> {
    const f = await this.postResource<Feedback>('feedback', { watch, kind, target });
    getAppEvents().publish(new FeedbackChangedEvent({ watch }));
    return f;
  }

  async undoFeedback(id: string, watch: string): Promise<void> {
    await this.deleteResource(`feedback/${encodeURIComponent(id)}?watch=${encodeURIComponent(watch)}`);
    getAppEvents().publish(new FeedbackChangedEvent({ watch }));
  }

  /** A new query for a watch; its counts and cursor stay (PATCH /watches/{name}). */
  async editWatch(name: string, selector: string): Promise<Watch> {
    const r = await lastValueFrom(
      getBackendSrv().fetch<Watch>({
        method: 'PATCH',
        url: this.resourceUrl(`watches/${encodeURIComponent(name)}`),
        data: { selector },
        headers: this.getRequestHeaders(),
      }),
    );
    return r.data;
  }

  async changes(params: { watch: string; from: number; to: number; baselineFrom?: number; baselineTo?: number; limit?: number }): Promise<Changes> {
    const q: Record<string, string | number> = { watch: params.watch, from: Math.round(params.from), to: Math.round(params.to), limit: params.limit ?? 200 };
    if (params.baselineFrom !== undefined && params.baselineTo !== undefined) {
      q.baselineFrom = params.baselineFrom;
      q.baselineTo = params.baselineTo;
    }
    const r = await this.getResource<Changes>('changes', q);
    return { ...r, templates: r.templates ?? [] };
  }

  async search(req: { watch: string; text: string; k?: number }): Promise<SearchResult[]> {
    const r = await this.postResource<{ results?: SearchResult[] }>('search', req);
    return r.results ?? [];
  }

  /** DELETE on a resource path (DataSourceWithBackend has GET and POST only). */
  private async deleteResource(path: string): Promise<void> {
    await lastValueFrom(getBackendSrv().fetch({ method: 'DELETE', url: this.resourceUrl(path), headers: this.getRequestHeaders() }));
  }

  /** Grafana's resource route for this data source (its HTTP API, every version this plugin supports;
   * DataSourceWithBackend.buildResourcesDatasourceUrl is newer than Grafana 12.4). */
  private resourceUrl(path: string): string {
    return `/api/datasources/uid/${encodeURIComponent(this.uid)}/resources/${path}`;
  }
}
