import React, { useCallback } from 'react';
import { locationService } from '@grafana/runtime';

import { WatchPageProps } from '../app/WatchPageBody';
import { SimilarExplorer } from '../components/SimilarExplorer';
import { useAppLocation } from '../components/useAppLocation';
import { exploreUrl } from '../datasource/exploreLinks';
import { similarPageUrl } from '../constants';
import { SimilarRequest } from '../datasource/types';

/** The similar-events page: ?watch=&pattern= or ?line= (what map clicks and outlier links open); without
 * ?watch= it searches the watch chosen in the page's variable. */
export function SimilarScenePage({ ds, watch: chosen }: WatchPageProps) {
  const { params } = useAppLocation();
  const watch = params.get('watch') ?? chosen ?? ds.defaultWatch;
  const search = useCallback((req: SimilarRequest) => ds.similar(req), [ds]);
  return (
    <SimilarExplorer
      watch={watch}
      initialPattern={params.get('pattern') ?? undefined}
      initialLine={params.get('line') ?? undefined}
      search={search}
      exploreUrl={(r) => {
        const now = Date.now();
        return exploreUrl(ds.explore, r.labels, { from: now - 24 * 3600_000, to: now });
      }}
      onOpenPattern={(r) => locationService.push(similarPageUrl({ watch, pattern: r.pattern }))}
    />
  );
}
