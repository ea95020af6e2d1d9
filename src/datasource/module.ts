import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './ConfigEditor';
import { LogAtlasDataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import { LogAtlasOptions, LogAtlasQuery, LogAtlasSecureOptions } from './types';

export const plugin = new DataSourcePlugin<LogAtlasDataSource, LogAtlasQuery, LogAtlasOptions, LogAtlasSecureOptions>(LogAtlasDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
