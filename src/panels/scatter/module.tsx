import { PanelPlugin } from '@grafana/data';

import { ScatterOptions, ScatterPanel } from './ScatterPanel';

export const plugin = new PanelPlugin<ScatterOptions>(ScatterPanel).setNoPadding();
