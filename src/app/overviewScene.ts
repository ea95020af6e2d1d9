import { getAppEvents } from '@grafana/runtime';
import { DataSourceRef } from '@grafana/schema';
import {
  EmbeddedScene,
  PanelBuilders,
  SceneControlsSpacer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  VariableValueSelectors,
  VizPanel,
} from '@grafana/scenes';

import { SCATTER_PANEL_ID } from '../constants';
import type { LogAtlasDataSource } from '../datasource/datasource';
import { LogAtlasQuery } from '../datasource/types';
import { FeedbackChangedEvent } from '../datasource/feedbackEvents';
import { FeedbackList } from './FeedbackList';
import { OutlierActions } from './OutlierActions';
import { watchVariables } from './watchVariable';

/** A query runner for one Log Atlas query on the page's watch. */
function logAtlasQuery(datasource: DataSourceRef, query: Partial<LogAtlasQuery>): SceneQueryRunner {
  return new SceneQueryRunner({ datasource, queries: [{ refId: 'A', datasource, watch: '${watch}', ...query }], maxDataPoints: 500 });
}

/** Overview: events per cluster, the outliers (table + actions), the pattern map and the feedback given,
 * all following the time picker and the watch variable. */
export function overviewScene(ds: LogAtlasDataSource): EmbeddedScene {
  const ref = { type: ds.type, uid: ds.uid };
  const volumes = logAtlasQuery(ref, { queryType: 'volumes', top: 10 });
  const outliers = logAtlasQuery(ref, { queryType: 'outliers', limit: 200 });
  const counts = new SceneQueryRunner({
    datasource: ref,
    queries: [
      { refId: 'A', datasource: ref, queryType: 'outlierCount', watch: '${watch}' },
      { refId: 'B', datasource: ref, queryType: 'newPatternCount', watch: '${watch}' },
    ],
    maxDataPoints: 500,
  });
  const scatter = logAtlasQuery(ref, { queryType: 'scatter', limit: 5000 });
  const feedback = new FeedbackList({ ds });

  const scene = new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-6h', to: 'now' }),
    $variables: watchVariables(ref, ds.defaultWatch),
    controls: [
      new VariableValueSelectors({}),
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ isOnCanvas: true }),
    ],
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexLayout({
          direction: 'row',
          minHeight: 260,
          children: [
            new SceneFlexItem({
              body: PanelBuilders.timeseries().setTitle('Events per cluster').setData(volumes).setCustomFieldConfig('fillOpacity', 12).build(),
            }),
            new SceneFlexItem({
              width: '35%',
              body: PanelBuilders.timeseries()
                .setTitle('Outliers and new patterns')
                .setData(counts)
                .setCustomFieldConfig('drawStyle', 'bars' as never)
                .build(),
            }),
          ],
        }),
        new SceneFlexLayout({
          direction: 'row',
          minHeight: 420,
          $data: outliers,
          children: [
            new SceneFlexItem({
              body: PanelBuilders.table()
                .setTitle('Outliers (click a line: Explore or similar events)')
                .setOverrides((b) => {
                  for (const hidden of ['exploreUrl', 'similarUrl', 'pattern', 'labels', 'nearest']) {
                    b.matchFieldsWithName(hidden).overrideCustomFieldConfig('hideFrom', { viz: true, legend: false, tooltip: false });
                  }
                })
                .build(),
            }),
            new SceneFlexItem({ width: '40%', body: new OutlierActions({ ds, limit: 8 }) }),
          ],
        }),
        new SceneFlexLayout({
          direction: 'row',
          minHeight: 440,
          children: [
            new SceneFlexItem({ body: new VizPanel({ pluginId: SCATTER_PANEL_ID, title: 'Pattern map (click a point for similar events)', $data: scatter }) }),
            new SceneFlexItem({ width: '30%', body: feedback }),
          ],
        }),
      ],
    }),
  });
  // feedback (from the actions, the list or a map point) changes scores and hides outliers: read
  // everything that depends on it again
  scene.addActivationHandler(() => {
    const sub = getAppEvents().subscribe(FeedbackChangedEvent, () => {
      outliers.runQueries();
      counts.runQueries();
      feedback.load();
    });
    return () => sub.unsubscribe();
  });
  return scene;
}
