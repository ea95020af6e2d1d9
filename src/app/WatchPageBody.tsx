import React, { ComponentType } from 'react';
import { TimeRange } from '@grafana/data';
import { sceneGraph, SceneComponentProps, SceneObject, SceneObjectBase, SceneObjectState, VariableDependencyConfig } from '@grafana/scenes';

import type { LogAtlasDataSource } from '../datasource/datasource';

/** What a React page inside a Scenes page gets: the data source, the chosen watch and the time range. */
export interface WatchPageProps {
  ds: LogAtlasDataSource;
  watch?: string;
  range: TimeRange;
}

interface State extends SceneObjectState {
  ds: LogAtlasDataSource;
  Page: ComponentType<WatchPageProps>;
}

/** A page body written in React that follows the scene's `watch` variable and time picker. */
export class WatchPageBody extends SceneObjectBase<State> {
  protected _variableDependency = new VariableDependencyConfig(this, { variableNames: ['watch'], onReferencedVariableValueChanged: () => this.forceRender() });

  static Component = ({ model }: SceneComponentProps<WatchPageBody>) => {
    const { ds, Page } = model.useState();
    const { value: range } = sceneGraph.getTimeRange(model).useState();
    return <Page ds={ds} watch={watchOf(model)} range={range} />;
  };
}

/** The value of the scene's `watch` variable, or undefined when there is none (no watch yet). */
export function watchOf(model: SceneObject): string | undefined {
  const v = sceneGraph.interpolate(model, '${watch}');
  return v && !v.startsWith('$') ? v : undefined;
}
