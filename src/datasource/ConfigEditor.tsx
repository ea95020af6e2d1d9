import React, { ChangeEvent } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';

import { exploreTarget, LOG_STORES } from './exploreLinks';
import { LogAtlasOptions, LogAtlasSecureOptions, LogStoreKind } from './types';

type Props = DataSourcePluginOptionsEditorProps<LogAtlasOptions, LogAtlasSecureOptions>;

/** Data source settings: where the engine is, its token (kept in secureJsonData), tenant, the log store for links. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  const secureJsonFields = options.secureJsonFields ?? {};
  const setJson = (patch: Partial<LogAtlasOptions>) => onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });
  const explore = exploreTarget(jsonData);
  const store = LOG_STORES.find((s) => s.value === explore.kind)!;
  const urlInvalid = !!options.url && !/^https?:\/\/[^/\s]+/.test(options.url);

  return (
    <>
      <FieldSet label="Engine">
        <Field
          label="Engine URL"
          description="Address of `logatlas serve`, e.g. http://localhost:8377 (Grafana's server calls it, not your browser)"
          invalid={urlInvalid}
          error={urlInvalid ? 'Enter an http:// or https:// URL' : undefined}
          required
        >
          <Input
            id="logatlas-engine-url"
            width={50}
            value={options.url ?? ''}
            placeholder="http://localhost:8377"
            onChange={(e: ChangeEvent<HTMLInputElement>) => onOptionsChange({ ...options, url: e.currentTarget.value.trim() })}
          />
        </Field>
        <Field label="Engine token" description="The token `logatlas serve` was started with (--token or LOGATLAS_TOKEN). Stored encrypted.">
          <SecretInput
            id="logatlas-engine-token"
            width={50}
            isConfigured={!!secureJsonFields.engineToken}
            value={options.secureJsonData?.engineToken ?? ''}
            placeholder="token"
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              onOptionsChange({ ...options, secureJsonData: { ...options.secureJsonData, engineToken: e.currentTarget.value } })
            }
            onReset={() =>
              onOptionsChange({
                ...options,
                secureJsonFields: { ...secureJsonFields, engineToken: false },
                secureJsonData: { ...options.secureJsonData, engineToken: '' },
              })
            }
          />
        </Field>
        <Field label="Tenant" description="Sent as X-Scope-OrgID; leave empty for the engine's default tenant">
          <Input
            id="logatlas-tenant"
            width={30}
            value={jsonData.tenant ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ tenant: e.currentTarget.value.trim() })}
          />
        </Field>
        <Field label="Timeout (seconds)" description="How long one engine call may take">
          <Input
            id="logatlas-timeout"
            type="number"
            min={1}
            width={12}
            value={jsonData.timeoutSeconds ?? ''}
            placeholder="30"
            onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ timeoutSeconds: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })}
          />
        </Field>
      </FieldSet>
      <FieldSet label="Queries and links">
        <Field label="Default watch" description="Watch used by queries that name none (a watch is a log store query the engine follows)">
          <Input
            id="logatlas-default-watch"
            width={30}
            value={jsonData.defaultWatch ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ defaultWatch: e.currentTarget.value.trim() })}
          />
        </Field>
        <Field label="Explore links open" description='The log store that "Open in Explore" links on outliers and similar events lead to'>
          <RadioButtonGroup
            id="logatlas-explore-log-store"
            options={LOG_STORES.map(({ value, label, description }) => ({ value, label, description }))}
            value={explore.kind}
            onChange={(kind: LogStoreKind) => setJson({ exploreLogStore: kind })}
          />
        </Field>
        <Field label={`${store.label} data source`} description={`The ${store.description} the links open (its UID is saved)`}>
          <DataSourcePicker
            key={store.value}
            inputId="logatlas-explore-datasource"
            width={50}
            pluginId={store.pluginId}
            noDefault
            current={explore.uid ?? null}
            onChange={(ds) => setJson(explore.kind === 'victorialogs' ? { victoriaLogsDatasourceUid: ds.uid } : { lokiDatasourceUid: ds.uid })}
            onClear={() => setJson(explore.kind === 'victorialogs' ? { victoriaLogsDatasourceUid: undefined } : { lokiDatasourceUid: undefined })}
          />
        </Field>
      </FieldSet>
    </>
  );
}
