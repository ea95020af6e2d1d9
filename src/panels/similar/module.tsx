import { PanelPlugin } from '@grafana/data';

import { SimilarOptions, SimilarPanel } from './SimilarPanel';

export const plugin = new PanelPlugin<SimilarOptions>(SimilarPanel).setPanelOptions((builder) =>
  builder.addTextInput({
    path: 'lineVariable',
    name: 'Line variable',
    description: 'The dashboard variable the panel’s Similar query reads its line from (line: ${line}); a typed line sets it',
    defaultValue: 'line',
  }),
);
