// @grafana/ui's icons load SVG files over HTTP through react-inlinesvg; jsdom has no server for them,
// so icons render as an empty <svg> in unit tests (the browser tests load the real icons).
const React = require('react');
module.exports = { __esModule: true, default: (props) => React.createElement('svg', { 'data-icon': props.src }) };
