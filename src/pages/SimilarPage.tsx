import React, { useCallback } from 'react';
import { locationService } from '@grafana/runtime';
import { Alert, Field, Select } from '@grafana/ui';

import { SimilarExplorer } from '../components/SimilarExplorer';
import { exploreUrl } from '../datasource/exploreLinks';
import { DatasourceState } from '../components/useLogAtlasDatasource';
import { similarPageUrl } from '../constants';
import { SimilarRequest } from '../datasource/types';

/** The similar-events page: ?watch=&pattern= or ?line= (what map clicks and outlier links open). */
export function SimilarPage({ dsState, params }: { dsState: DatasourceState; params: URLSearchParams }) {
  const ds = dsState.kind === 'ready' ? dsState.ds : undefined;
  const watch = params.get('watch') ?? ds?.defaultWatch ?? undefined;
  const search = useCallback((req: SimilarRequest) => (ds ? ds.similar(req) : Promise.reject(new Error('no Log Atlas data source'))), [ds]);
  if (dsState.kind === 'missing') {
    return <Alert severity="info" title="No Log Atlas data source yet">Add one under Connections → Data sources → Log Atlas.</Alert>;
  }
  if (dsState.kind === 'error') {
    return <Alert severity="error" title="Log Atlas data source">{dsState.message}</Alert>;
  }
  if (!ds) {
    return null;
  }
  const now = Date.now();
  return (
    <>
      {dsState.kind === 'ready' && dsState.all.length > 1 && (
        <Field label="Data source">
          <Select
            width={40}
            options={dsState.all.map((d) => ({ value: d.uid, label: d.name }))}
            value={ds.uid}
            onChange={(v) => locationService.partial({ datasource: v.value })}
          />
        </Field>
      )}
      <SimilarExplorer
        watch={watch}
        initialPattern={params.get('pattern') ?? undefined}
        initialLine={params.get('line') ?? undefined}
        search={search}
        exploreUrl={(r) => exploreUrl(ds.explore, r.labels, { from: now - 24 * 3600_000, to: now })}
        onOpenPattern={(r) => locationService.push(similarPageUrl({ watch, pattern: r.pattern, datasource: ds.uid }))}
      />
    </>
  );
}
