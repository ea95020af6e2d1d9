import { PanelPlugin } from '@grafana/data';

import { SimilarOptions, SimilarPanel } from './SimilarPanel';

export const plugin = new PanelPlugin<SimilarOptions>(SimilarPanel).setPanelOptions((builder) =>
  builder
    .addTextInput({ path: 'datasourceUid', name: 'Log Atlas data source UID', description: 'Empty: the data source of this panel’s query', defaultValue: '' })
    .addTextInput({ path: 'watch', name: 'Watch', description: 'Empty: the watch of this panel’s query. Variables allowed.', defaultValue: '' })
    .addTextInput({ path: 'line', name: 'Line', description: 'Search this line at once, e.g. ${line}. Variables allowed.', defaultValue: '' })
    .addNumberInput({ path: 'k', name: 'Results', defaultValue: 10, settings: { min: 1, max: 100, integer: true } })
);
