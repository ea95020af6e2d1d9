// Exports that @grafana/levitate (npm run test:compat, scripts/compat.mjs) reports as changed but that
// are the same at run time and to our code; each with what levitate saw. Read as CommonJS by levitate.
module.exports = {
  changes: [
    // @grafana/data 12.0.0 → 13.2.2: the parameter type PanelOptionsSupplier<TOptions> is the same
    // function type, (builder, context) => void; 13 only adds `export` to its declaration.
    /^PanelPlugin\.setPanelOptions$/,
  ],
};
