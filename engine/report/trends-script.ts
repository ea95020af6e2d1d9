/**
 * The script inside cluster_trends.html (plain browser JavaScript, no library): one SVG line per
 * series over the time bins, a hover guide listing every series' count in the bin, legend toggles.
 */
export const TRENDS_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('data').textContent);
  var svg = document.getElementById('plot');
  var tooltip = document.getElementById('tooltip');
  var legendEl = document.getElementById('legend');
  var NS = 'http://www.w3.org/2000/svg';
  var hidden = {};
  var m = { left: 56, right: 16, top: 12, bottom: 40 };

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }
  function iso(ms) { return new Date(ms).toISOString().replace('T', ' ').replace(/:00\.000Z$|\.000Z$/, '').replace('Z', ''); }
  function niceStep(max) {
    var raw = max / 5, p = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= raw) return steps[i] * p;
    return 10 * p;
  }

  var geom = null;
  function draw() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var W = svg.clientWidth, H = svg.clientHeight;
    var w = W - m.left - m.right, h = H - m.top - m.bottom;
    var visible = data.series.filter(function (s) { return !hidden[s.name]; });
    var max = 1;
    visible.forEach(function (s) { s.counts.forEach(function (c) { if (c > max) max = c; }); });
    var step = niceStep(max), top = Math.ceil(max / step) * step;
    var n = data.bins;
    var x = function (b) { return m.left + (n === 1 ? w / 2 : (b * w) / (n - 1)); };
    var y = function (v) { return m.top + h - (v / top) * h; };
    for (var v = 0; v <= top + 1e-9; v += step) {
      el('line', { x1: m.left, x2: m.left + w, y1: y(v), y2: y(v), 'class': 'grid' }, svg);
      el('text', { x: m.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, svg).textContent = v.toLocaleString('en-US');
    }
    el('line', { x1: m.left, x2: m.left + w, y1: m.top + h, y2: m.top + h, 'class': 'axis' }, svg);
    var ticks = Math.min(n, Math.max(2, Math.floor(w / 150)));
    for (var t = 0; t < ticks; t++) {
      var b = ticks === 1 ? 0 : Math.round((t * (n - 1)) / (ticks - 1));
      el('text', { x: x(b), y: m.top + h + 18, 'text-anchor': t === 0 ? 'start' : t === ticks - 1 ? 'end' : 'middle' }, svg).textContent = iso(data.startMs + b * data.widthMs);
    }
    visible.forEach(function (s) {
      var d = '';
      for (var b = 0; b < n; b++) d += (b ? 'L' : 'M') + x(b).toFixed(1) + ',' + y(s.counts[b]).toFixed(1);
      if (n === 1) d += 'h1';
      var path = el('path', { d: d, 'class': 'series', stroke: s.color }, svg);
      path.dataset.series = s.name;
    });
    var guide = el('line', { 'class': 'guide', y1: m.top, y2: m.top + h, visibility: 'hidden' }, svg);
    var overlay = el('rect', { x: m.left, y: m.top, width: Math.max(0, w), height: Math.max(0, h), fill: 'transparent' }, svg);
    overlay.addEventListener('mousemove', function (ev) { hoverAt(ev); });
    overlay.addEventListener('mouseleave', function () { guide.setAttribute('visibility', 'hidden'); tooltip.style.display = 'none'; });
    geom = { x: x, n: n, w: w, guide: guide, visible: visible };
    svg.dataset.seriesDrawn = String(visible.length);
  }

  function hoverAt(ev) {
    var box = svg.getBoundingClientRect(), mx = ev.clientX - box.left, my = ev.clientY - box.top;
    var n = geom.n, b = n === 1 ? 0 : Math.round(((mx - m.left) / geom.w) * (n - 1));
    b = Math.max(0, Math.min(n - 1, b));
    geom.guide.setAttribute('x1', geom.x(b));
    geom.guide.setAttribute('x2', geom.x(b));
    geom.guide.setAttribute('visibility', 'visible');
    var rows = geom.visible.map(function (s) { return { s: s, c: s.counts[b] }; }).sort(function (p, q) { return q.c - p.c; });
    var html = '<b>' + text(iso(data.startMs + b * data.widthMs)) + ' – ' + text(iso(data.startMs + (b + 1) * data.widthMs)) + '</b>';
    rows.forEach(function (r) {
      html += '<br><span style="color:' + r.s.color + '">■</span> ' + text(r.s.name) + ': ' + r.c.toLocaleString('en-US');
    });
    tooltip.innerHTML = html;
    tooltip.style.display = 'block';
    var left = mx + 14;
    if (left + tooltip.offsetWidth > box.width) left = Math.max(0, mx - 14 - tooltip.offsetWidth);
    tooltip.style.left = left + 'px';
    tooltip.style.top = Math.max(0, my - 10) + 'px';
  }

  data.series.forEach(function (s) {
    var li = document.createElement('li');
    li.dataset.series = s.name;
    var total = s.counts.reduce(function (a, b) { return a + b; }, 0);
    li.innerHTML = '<span class="sw" style="background:' + s.color + '"></span><span><span class="name">' + text(s.name) + '</span> · ' +
      total.toLocaleString('en-US') + ' events' + (s.label ? '<br><span class="label">' + text(s.label) + '</span>' : '') + '</span>';
    li.addEventListener('click', function () {
      hidden[s.name] = !hidden[s.name];
      li.classList.toggle('off', !!hidden[s.name]);
      draw();
    });
    legendEl.appendChild(li);
  });
  window.addEventListener('resize', draw);
  draw();
})();
`;
