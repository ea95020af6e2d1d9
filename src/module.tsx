import { AppPlugin } from '@grafana/data';

import { App } from './components/App';
import { AppConfig, AppSettings } from './pages/AppConfig';

export const plugin = new AppPlugin<AppSettings>()
  .setRootPage(App)
  .addConfigPage({ title: 'Configuration', icon: 'cog', body: AppConfig, id: 'configuration' });
