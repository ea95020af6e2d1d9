// Builds the Grafana app plugin (src/) into dist/ the way @grafana/create-plugin's config does: one AMD
// module per plugin (the app, the nested data source, each panel), Grafana's shared libraries left
// external, plugin.json/README/images/dashboards copied with %VERSION% and %TODAY% filled in.
// With `--env harness` it builds tests/browser/harness instead: a page that bundles the real
// @grafana/ui and mounts the panels and editors, for the browser tests.
const path = require('node:path');
const fs = require('node:fs');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const pkg = require('./package.json');
const pluginJson = require('./src/plugin.json');
const src = path.resolve(__dirname, 'src');

// Every module.ts(x) under src/ is an entry: module, datasource/module, panels/scatter/module, ...
function entries() {
  const out = {};
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/^module\.tsx?$/.test(name)) out[path.relative(src, p).replace(/\.tsx?$/, '')] = p;
    }
  };
  walk(src);
  return out;
}

const swcRule = {
  test: /\.[tj]sx?$/,
  exclude: /node_modules/,
  use: {
    loader: 'swc-loader',
    options: { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'classic' } } } },
  },
};

// As create-plugin's template for apps on React Router 6: Grafana shares `react-router` (6) with plugins,
// and the app bundles `react-router-dom` 6 (which Scenes imports) on top of it.
const grafanaExternals = [
  'lodash', 'jquery', 'moment', 'slate', 'emotion', '@emotion/react', '@emotion/css', 'prismjs',
  'react', 'react-dom', 'react-redux', 'redux', 'rxjs', 'rxjs/operators', 'react-router', 'd3', 'angular',
  /^@grafana\/ui/i, /^@grafana\/runtime/i, /^@grafana\/data/i,
];

const fillTemplate = (content) =>
  content.toString().replace(/%VERSION%/g, pkg.version).replace(/%TODAY%/g, new Date().toISOString().slice(0, 10));

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  if (env.harness) {
    return {
      mode: 'development',
      devtool: false,
      entry: { harness: path.resolve(__dirname, 'tests/browser/harness/index.tsx') },
      output: { path: path.resolve(__dirname, 'test-output/harness'), filename: '[name].js', publicPath: '/', clean: true },
      resolve: {
        extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
        // @grafana/ui imports only Link from react-router-dom-v5-compat (react-router 6's API for apps
        // still on router 5); Scenes needs react-router-dom 6 itself, and bundling both left
        // react-router-dom's own imports unresolved. Grafana provides the router at runtime.
        alias: { 'react-router-dom-v5-compat': 'react-router-dom' },
      },
      module: {
        rules: [
          swcRule,
          { test: /\.css$/, use: ['style-loader', 'css-loader'] },
          { test: /\.(svg|png|woff2?|ttf|eot)$/, type: 'asset/inline' },
          // @grafana/ui's .mjs files import CommonJS packages (react-custom-scrollbars-2) by their default
          // export and ol/format/WKT without an extension, as Grafana's own build reads them
          { test: /\.mjs$/, include: /node_modules[\\/]@grafana[\\/]ui[\\/]/, type: 'javascript/auto', resolve: { fullySpecified: false } },
          // @grafana/plugin-compat (Scenes' dependency) feature-tests exports newer @grafana/runtime
          // versions have: a missing one is expected there, not an error
          { test: /@grafana[\\/]plugin-compat[\\/]/, parser: { exportsPresence: false } },
        ],
      },
      performance: { hints: false },
      ignoreWarnings: [/Critical dependency/, /Failed to parse source map/],
      plugins: [new CopyWebpackPlugin({ patterns: [{ from: 'tests/browser/harness/index.html' }] })],
    };
  }
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-source-map',
    context: src,
    entry: entries(),
    externals: grafanaExternals,
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      library: { type: 'amd' },
      publicPath: `public/plugins/${pluginJson.id}/`,
      uniqueName: pluginJson.id,
      // keep the Go binaries `npm run build:backend` put in dist/datasource
      clean: { keep: /datasource\/gpx_/ },
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: { rules: [swcRule, { test: /\.(svg|png)$/, type: 'asset/resource', generator: { filename: 'img/[name][ext]' } }] },
    performance: { hints: false },
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: '**/plugin.json', to: '.', transform: fillTemplate },
          { from: '**/img/**/*', to: '.', noErrorOnMissing: true },
          { from: 'dashboards/*.json', to: '.', noErrorOnMissing: true },
          { from: '../README.md', to: '.' },
          { from: '../LICENSE', to: '.', noErrorOnMissing: true },
        ],
      }),
    ],
  };
};
