// FAKE of Grafana's core "timeseries" and "table" panel plugins (public/app/plugins/panel/timeseries and
// table, AGPL, not on npm), for the browser harness: the Scenes pages name them by id, Grafana's plugin
// importer would load them. These draw the same frames with @grafana/ui's TimeSeries (uPlot) and Table
// components, and take the field config options the pages set (custom.hideFrom, fillOpacity, drawStyle).
import React from 'react';
import { FieldConfigProperty, PanelPlugin, PanelProps } from '@grafana/data';
import { LegendDisplayMode, TooltipDisplayMode } from '@grafana/schema';
import { Table, TimeSeries } from '@grafana/ui';

function TimeSeriesPanel({ data, width, height, timeRange, timeZone }: PanelProps) {
  // Grafana's panel numbers the series for the classic palette (seriesIndex), one colour each
  let seriesIndex = 0;
  const frames = data.series
    .filter((f) => f.fields.some((fl) => fl.type === 'time'))
    .map((f) => ({
      ...f,
      fields: f.fields.map((fl) =>
        fl.type === 'number'
          ? { ...fl, config: { ...fl.config, color: fl.config.color ?? { mode: 'palette-classic' } }, state: { ...fl.state, seriesIndex: seriesIndex++ } }
          : fl,
      ),
    }));
  if (frames.length === 0) {
    return <div style={{ padding: 8 }}>No data</div>;
  }
  return (
    <TimeSeries
      frames={frames}
      width={width}
      height={height}
      timeRange={timeRange}
      timeZone={timeZone}
      legend={{ displayMode: LegendDisplayMode.List, placement: 'bottom', showLegend: true, calcs: [] }}
      options={{ tooltip: { mode: TooltipDisplayMode.Multi } }}
    />
  );
}

function TablePanel({ data, width, height }: PanelProps) {
  const frame = data.series[0];
  if (!frame) {
    return <div style={{ padding: 8 }}>No data</div>;
  }
  // Grafana's table panel leaves out fields hidden from it ("Hide in table": custom.hidden, or hideFrom.viz)
  const shown = { ...frame, fields: frame.fields.filter((f) => !f.config.custom?.hidden && !f.config.custom?.hideFrom?.viz) };
  return <Table data={shown} width={width} height={height} />;
}

/** A field config option with a default and no editor UI (Grafana's option editors are core code, and
 * this harness never shows a panel editor). */
function option(id: string, defaultValue: unknown) {
  return { id, path: id, name: id, editor: () => null, override: () => null, process: (v: unknown) => v, shouldApply: () => true, defaultValue };
}

export function corePanels(): Record<string, PanelPlugin> {
  const hideFrom = option('hideFrom', { viz: false, legend: false, tooltip: false });
  const timeseries = new PanelPlugin(TimeSeriesPanel).useFieldConfig({
    standardOptions: { [FieldConfigProperty.Color]: { defaultValue: { mode: 'palette-classic' } } },
    useCustomConfig: (b) => {
      for (const o of [
        option('drawStyle', 'line'),
        option('lineWidth', 1),
        option('fillOpacity', 0),
        option('showPoints', 'never'),
        option('pointSize', 4),
        hideFrom,
      ]) {
        b.addCustomEditor(o);
      }
    },
  });
  const table = new PanelPlugin(TablePanel).useFieldConfig({
    useCustomConfig: (b) => {
      b.addCustomEditor(hideFrom).addCustomEditor(option('hidden', false));
    },
  });
  const meta = (id: string) => ({
    id,
    name: id,
    type: 'panel',
    module: 'core:plugin/' + id,
    baseUrl: '',
    info: { author: { name: 'Grafana (FAKE)' }, logos: { small: '', large: '' }, links: [], screenshots: [], updated: '', version: '', description: '' },
  });
  timeseries.meta = meta('timeseries') as never;
  table.meta = meta('table') as never;
  return { timeseries, table };
}
