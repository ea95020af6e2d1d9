import React, { useState } from 'react';
import { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker, getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet } from '@grafana/ui';

import { APP_ID, DATASOURCE_ID } from '../constants';

export interface AppSettings {
  defaultDatasourceUid?: string;
}

/** App configuration: which Log Atlas data source the app pages use by default. */
export function AppConfig({ plugin }: PluginConfigPageProps<AppPluginMeta<AppSettings>>) {
  const [uid, setUid] = useState(plugin.meta.jsonData?.defaultDatasourceUid);
  const [saved, setSaved] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const save = async () => {
    try {
      await getBackendSrv().post(`/api/plugins/${APP_ID}/settings`, { enabled: true, pinned: true, jsonData: { defaultDatasourceUid: uid } });
      setSaved('Saved. The app pages now use this data source.');
      setError(undefined);
    } catch (e) {
      setError(String((e as { data?: { message?: string } })?.data?.message ?? e));
    }
  };
  return (
    <FieldSet label="Log Atlas app">
      <Field
        label="Default Log Atlas data source"
        description="Used by the app's pages (Overview, Watches, Similar events, Changes, Search) when the URL names none"
      >
        <DataSourcePicker pluginId={DATASOURCE_ID} current={uid ?? null} noDefault onChange={(ds) => setUid(ds.uid)} />
      </Field>
      <Button onClick={save}>Save settings</Button>
      {saved && <Alert severity="success" title={saved} />}
      {error && <Alert severity="error" title={`Saving failed: ${error}`} />}
    </FieldSet>
  );
}
