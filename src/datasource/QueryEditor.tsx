import React, { ChangeEvent, useEffect, useMemo, useState } from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Alert, InlineField, InlineFieldRow, Input, RadioButtonGroup, Select, TextArea } from '@grafana/ui';

import type { LogAtlasDataSource } from './datasource';
import { LogAtlasOptions, LogAtlasQuery, QUERY_TYPES, QueryType, Watch } from './types';
import { errorText } from './engineErrors';

type Props = QueryEditorProps<LogAtlasDataSource, LogAtlasQuery, LogAtlasOptions>;

const LABEL_WIDTH = 16;

/** Query type, watch and the options of that type. Runs the query when a choice is complete. */
export function QueryEditor({ query, onChange, onRunQuery, datasource }: Props) {
  const [watches, setWatches] = useState<Watch[] | undefined>();
  const [watchError, setWatchError] = useState<string | undefined>();
  const queryType: QueryType = query.queryType ?? 'volumes';

  useEffect(() => {
    let alive = true;
    datasource
      .getWatches()
      .then((w) => alive && setWatches(w))
      .catch((e) => alive && setWatchError(errorText(e)));
    return () => {
      alive = false;
    };
  }, [datasource]);

  const watchOptions = useMemo<Array<SelectableValue<string>>>(() => {
    const opts = (watches ?? []).map((w) => ({ value: w.name, label: w.name, description: w.selector }));
    if (query.watch && !opts.some((o) => o.value === query.watch)) {
      opts.push({ value: query.watch, label: query.watch, description: 'not in the engine’s list' });
    }
    return opts;
  }, [watches, query.watch]);

  const update = (patch: Partial<LogAtlasQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const num = (e: ChangeEvent<HTMLInputElement>) => (e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value));

  return (
    <div data-testid="logatlas-query-editor">
      <InlineFieldRow>
        <InlineField label="Query" labelWidth={LABEL_WIDTH} tooltip={QUERY_TYPES.find((t) => t.value === queryType)?.description}>
          <RadioButtonGroup<QueryType>
            options={QUERY_TYPES.map(({ value, label, description }) => ({ value, label, description }))}
            value={queryType}
            onChange={(v) => update({ queryType: v })}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Watch"
          labelWidth={LABEL_WIDTH}
          tooltip="A named Loki selector the engine follows"
          invalid={!query.watch && !datasource.defaultWatch}
        >
          <Select
            inputId="logatlas-watch"
            width={30}
            options={watchOptions}
            value={query.watch ?? null}
            placeholder={datasource.defaultWatch ? `default: ${datasource.defaultWatch}` : 'choose a watch'}
            isLoading={watches === undefined && !watchError}
            allowCustomValue
            isClearable
            onChange={(v) => update({ watch: v?.value })}
            noOptionsMessage="No watches: create one with `logatlas serve --watch name={selector}`"
          />
        </InlineField>
        {queryType === 'volumes' && (
          <>
            <InlineField label="Streams" labelWidth={10} tooltip='LogQL stream selector narrowing the volumes, e.g. {host="web-1"}'>
              <Input
                id="logatlas-labels"
                width={30}
                value={query.labels ?? ''}
                placeholder='{host="web-1"}'
                onChange={(e: ChangeEvent<HTMLInputElement>) => update({ labels: e.currentTarget.value }, false)}
                onBlur={() => onRunQuery()}
              />
            </InlineField>
            <InlineField label="Top" labelWidth={6} tooltip="Clusters shown; the rest are summed as “other”">
              <Input
                id="logatlas-top"
                type="number"
                min={1}
                width={8}
                value={query.top ?? ''}
                onChange={(e: ChangeEvent<HTMLInputElement>) => update({ top: num(e) }, false)}
                onBlur={() => onRunQuery()}
              />
            </InlineField>
          </>
        )}
        {(queryType === 'outliers' || queryType === 'scatter' || queryType === 'changes' || queryType === 'clusters') && (
          <InlineField label="Limit" labelWidth={8}>
            <Input
              id="logatlas-limit"
              type="number"
              min={1}
              width={10}
              value={query.limit ?? ''}
              placeholder={queryType === 'outliers' ? '100' : queryType === 'changes' ? '50' : queryType === 'clusters' ? 'all' : '5000'}
              onChange={(e: ChangeEvent<HTMLInputElement>) => update({ limit: num(e) }, false)}
              onBlur={() => onRunQuery()}
            />
          </InlineField>
        )}
        {queryType === 'changes' && (
          <InlineField
            label="Baseline shift"
            labelWidth={14}
            tooltip="Compare with the same range this much earlier, e.g. 1d (yesterday) or 7d (last week). Empty: the window of the same length just before the range."
          >
            <Input
              id="logatlas-baseline-shift"
              width={12}
              value={query.baselineShift ?? ''}
              placeholder="range before"
              onChange={(e: ChangeEvent<HTMLInputElement>) => update({ baselineShift: e.currentTarget.value.trim() || undefined }, false)}
              onBlur={() => onRunQuery()}
            />
          </InlineField>
        )}
        {queryType === 'outliers' && (
          <InlineField label="Min score" labelWidth={10} tooltip="0..1, higher is more unusual">
            <Input
              id="logatlas-min-score"
              type="number"
              min={0}
              max={1}
              step={0.05}
              width={10}
              value={query.minScore ?? ''}
              onChange={(e: ChangeEvent<HTMLInputElement>) => update({ minScore: num(e) }, false)}
              onBlur={() => onRunQuery()}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      {queryType === 'similar' && (
        <InlineFieldRow>
          <InlineField label="Log line" labelWidth={LABEL_WIDTH} grow tooltip="A raw line; the engine finds the events that mean the same">
            <TextArea
              id="logatlas-line"
              rows={2}
              value={query.line ?? ''}
              placeholder="sshd[42]: Failed password for root from 203.0.113.9 port 22 ssh2"
              onChange={(e: ChangeEvent<HTMLTextAreaElement>) => update({ line: e.currentTarget.value, pattern: undefined }, false)}
              onBlur={() => onRunQuery()}
            />
          </InlineField>
          <InlineField label="k" labelWidth={4}>
            <Input
              id="logatlas-k"
              type="number"
              min={1}
              max={100}
              width={8}
              value={query.k ?? ''}
              placeholder="10"
              onChange={(e: ChangeEvent<HTMLInputElement>) => update({ k: num(e) }, false)}
              onBlur={() => onRunQuery()}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {watchError && (
        <Alert severity="warning" title="Could not list the engine's watches">
          {watchError}. Type the watch name, and check the data source settings (Save &amp; test).
        </Alert>
      )}
    </div>
  );
}
