import { VariableRefresh } from '@grafana/data';
import { DataSourceRef } from '@grafana/schema';
import { QueryVariable, SceneVariableSet } from '@grafana/scenes';

/** The `watch` variable: the engine's watch names (the data source's variable query), kept in the URL as var-watch. */
export function watchVariables(datasource: DataSourceRef, defaultWatch?: string): SceneVariableSet {
  return new SceneVariableSet({
    variables: [
      new QueryVariable({
        name: 'watch',
        label: 'Watch',
        datasource,
        query: 'watches',
        refresh: VariableRefresh.onDashboardLoad,
        ...(defaultWatch ? { value: defaultWatch } : {}),
      }),
    ],
  });
}
