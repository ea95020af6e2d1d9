import { EmbeddedScene, SceneApp, SceneAppPage, SceneControlsSpacer, SceneTimePicker, SceneTimeRange, VariableValueSelectors } from '@grafana/scenes';
import { ComponentType } from 'react';

import { appPath, ROUTES, Route } from '../constants';
import type { LogAtlasDataSource } from '../datasource/datasource';
import { ChangesPage } from '../pages/ChangesPage';
import { SearchPage } from '../pages/SearchPage';
import { SimilarScenePage } from '../pages/SimilarPage';
import { WatchesPage } from '../pages/WatchesPage';
import { overviewScene } from './overviewScene';
import { WatchPageBody, WatchPageProps } from './WatchPageBody';
import { watchVariables } from './watchVariable';

/** A page whose body is a React component following the watch variable (and the time picker when timed). */
function watchPage(ds: LogAtlasDataSource, Page: ComponentType<WatchPageProps>, opts: { timed: boolean; variable?: boolean }): EmbeddedScene {
  const ref = { type: ds.type, uid: ds.uid };
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-1h', to: 'now' }),
    ...(opts.variable === false ? {} : { $variables: watchVariables(ref, ds.defaultWatch) }),
    controls: [
      ...(opts.variable === false ? [] : [new VariableValueSelectors({})]),
      new SceneControlsSpacer(),
      ...(opts.timed ? [new SceneTimePicker({ isOnCanvas: true })] : []),
    ],
    body: new WatchPageBody({ ds, Page }),
  });
}

function page(route: Route, title: string, subTitle: string, getScene: () => EmbeddedScene): SceneAppPage {
  return new SceneAppPage({ title, subTitle, url: appPath(route), routePath: `${route}/*`, getScene });
}

/** The app's pages (plugin.json "includes" lists them for Grafana's navigation). */
export function logAtlasSceneApp(ds: LogAtlasDataSource): SceneApp {
  return new SceneApp({
    name: 'logatlas',
    pages: [
      page(ROUTES.overview, 'Overview', 'Cluster volumes, outliers with what to do about them, the map of log patterns', () => overviewScene(ds)),
      page(ROUTES.watches, 'Watches', 'The log queries the engine follows', () => watchPage(ds, WatchesPage, { timed: false, variable: false })),
      page(ROUTES.similar, 'Similar events', 'Events that mean the same as a line or a pattern, however worded', () =>
        watchPage(ds, SimilarScenePage, { timed: false }),
      ),
      page(ROUTES.changes, 'Changes', 'Templates new, gone, grown or shrunk in the time range against the one before', () =>
        watchPage(ds, ChangesPage, { timed: true }),
      ),
      page(ROUTES.search, 'Search', 'Find the templates that match a description', () => watchPage(ds, SearchPage, { timed: true })),
    ],
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}
