// jsdom lacks what @grafana/ui expects from a browser.
require('@testing-library/jest-dom');
const { TextEncoder, TextDecoder } = require('node:util');
Object.assign(global, { TextEncoder, TextDecoder });
if (typeof window !== 'undefined' && !global.matchMedia) {
  global.matchMedia = (query) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false });
}
if (!global.ResizeObserver) {
  global.ResizeObserver = class { observe() {} unobserve() {} disconnect() {} };
}
if (typeof HTMLCanvasElement !== 'undefined') {
  HTMLCanvasElement.prototype.getContext = function () { return null; };
}
// Select menus (the data source picker) mount @grafana/ui's scroll indicators, which observe
// intersections; jsdom has no layout, so nothing ever intersects and no callback is due.
if (!global.IntersectionObserver) {
  global.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} takeRecords() { return []; } };
}
