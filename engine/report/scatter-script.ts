/**
 * The script inside clusters.html (plain browser JavaScript, no library): a canvas scatter with hover,
 * legend toggles, zoom and pan. `canvas.dataset.pointsDrawn` records how many points the last draw
 * painted, which the browser test reads.
 */
export const SCATTER_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('data').textContent);
  var canvas = document.getElementById('plot');
  var ctx = canvas.getContext('2d');
  var tooltip = document.getElementById('tooltip');
  var legendEl = document.getElementById('legend');
  var n = data.x.length;
  var colorOf = {};
  data.legend.forEach(function (e) { colorOf[e.id] = e.color; });
  var hidden = {};
  var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (var i = 0; i < n; i++) {
    if (data.x[i] < minX) minX = data.x[i];
    if (data.x[i] > maxX) maxX = data.x[i];
    if (data.y[i] < minY) minY = data.y[i];
    if (data.y[i] > maxY) maxY = data.y[i];
  }
  if (!(maxX > minX)) { minX -= 1; maxX += 1; }
  if (!(maxY > minY)) { minY -= 1; maxY += 1; }
  var radius = data.count.map(function (c) { return 2 + 1.6 * Math.log10(c); });
  // Noise first, then clusters from the smallest up, so large clusters do not bury small ones.
  var order = [];
  for (var k = 0; k < n; k++) order.push(k);
  order.sort(function (a, b) {
    var ca = data.cluster[a] < 0 ? 1e9 : data.cluster[a], cb = data.cluster[b] < 0 ? 1e9 : data.cluster[b];
    return cb - ca || data.count[a] - data.count[b];
  });
  var view = { scale: 1, tx: 0, ty: 0 };
  var width = 0, height = 0, pad = 24, hover = -1;
  var sx = new Float32Array(n), sy = new Float32Array(n);

  function project() {
    var w = width - 2 * pad, h = height - 2 * pad;
    var s = Math.min(w / (maxX - minX), h / (maxY - minY));
    var ox = pad + (w - s * (maxX - minX)) / 2, oy = pad + (h - s * (maxY - minY)) / 2;
    for (var i = 0; i < n; i++) {
      var bx = ox + s * (data.x[i] - minX), by = oy + s * (maxY - data.y[i]);
      sx[i] = bx * view.scale + view.tx;
      sy[i] = by * view.scale + view.ty;
    }
  }

  function draw() {
    project();
    var dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    var drawn = 0;
    ctx.globalAlpha = 0.8;
    for (var j = 0; j < n; j++) {
      var i = order[j], c = data.cluster[i];
      if (hidden[c]) continue;
      if (sx[i] < -10 || sy[i] < -10 || sx[i] > width + 10 || sy[i] > height + 10) continue;
      ctx.fillStyle = colorOf[c];
      ctx.beginPath();
      ctx.arc(sx[i], sy[i], radius[i], 0, 2 * Math.PI);
      ctx.fill();
      drawn++;
    }
    ctx.globalAlpha = 1;
    if (hover >= 0 && !hidden[data.cluster[hover]]) {
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(sx[hover], sy[hover], radius[hover] + 3, 0, 2 * Math.PI);
      ctx.stroke();
    }
    canvas.dataset.pointsDrawn = String(drawn);
  }

  function resize() {
    var dpr = window.devicePixelRatio || 1;
    width = canvas.clientWidth;
    height = canvas.clientHeight;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    draw();
  }

  function nearest(mx, my) {
    var best = -1, bestD = Infinity;
    for (var i = 0; i < n; i++) {
      if (hidden[data.cluster[i]]) continue;
      var dx = sx[i] - mx, dy = sy[i] - my, d = dx * dx + dy * dy, r = radius[i] + 4;
      if (d <= r * r && d < bestD) { best = i; bestD = d; }
    }
    return best;
  }

  function text(s) { var d = document.createElement('div'); d.textContent = s; return d.innerHTML; }

  function legendEntry(id) {
    for (var i = 0; i < data.legend.length; i++) if (data.legend[i].id === id) return data.legend[i];
    return null;
  }

  function showTooltip(i, mx, my) {
    var e = legendEntry(data.cluster[i]);
    tooltip.innerHTML = '<b>cluster ' + text(e ? e.name : String(data.cluster[i])) + '</b> · ' + data.count[i].toLocaleString('en-US') +
      ' event' + (data.count[i] === 1 ? '' : 's') + '<br><code>' + text(data.norm[i]) + '</code><br>' + text(data.raw[i]);
    tooltip.style.display = 'block';
    var box = canvas.getBoundingClientRect();
    var left = mx + 14, top = my + 14;
    if (left + tooltip.offsetWidth > box.width) left = Math.max(0, mx - 14 - tooltip.offsetWidth);
    if (top + tooltip.offsetHeight > box.height) top = Math.max(0, my - 14 - tooltip.offsetHeight);
    tooltip.style.left = left + 'px';
    tooltip.style.top = top + 'px';
  }

  var drag = null;
  canvas.addEventListener('mousemove', function (ev) {
    var box = canvas.getBoundingClientRect(), mx = ev.clientX - box.left, my = ev.clientY - box.top;
    if (drag) {
      view.tx = drag.tx + (ev.clientX - drag.x);
      view.ty = drag.ty + (ev.clientY - drag.y);
      draw();
      return;
    }
    var i = nearest(mx, my);
    if (i !== hover) { hover = i; draw(); }
    if (i >= 0) showTooltip(i, mx, my); else tooltip.style.display = 'none';
  });
  canvas.addEventListener('mouseleave', function () { hover = -1; tooltip.style.display = 'none'; draw(); });
  canvas.addEventListener('mousedown', function (ev) { drag = { x: ev.clientX, y: ev.clientY, tx: view.tx, ty: view.ty }; });
  window.addEventListener('mouseup', function () { drag = null; });
  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var box = canvas.getBoundingClientRect(), mx = ev.clientX - box.left, my = ev.clientY - box.top;
    var f = Math.exp(-ev.deltaY * 0.0015);
    view.tx = mx - (mx - view.tx) * f;
    view.ty = my - (my - view.ty) * f;
    view.scale *= f;
    draw();
  }, { passive: false });
  canvas.addEventListener('dblclick', function () { view = { scale: 1, tx: 0, ty: 0 }; draw(); });

  data.legend.forEach(function (e) {
    var li = document.createElement('li');
    li.dataset.cluster = String(e.id);
    var share = data.totalEvents > 0 ? (100 * e.events / data.totalEvents).toFixed(1) : '0';
    li.innerHTML = '<span class="sw" style="background:' + e.color + '"></span><span><span class="name">' + text(e.name) + '</span> · ' +
      e.events.toLocaleString('en-US') + ' events (' + share + '%), ' + e.patterns + ' pattern' + (e.patterns === 1 ? '' : 's') +
      (e.label ? '<br><span class="label">' + text(e.label) + '</span>' : '') + '</span>';
    li.addEventListener('click', function () {
      hidden[e.id] = !hidden[e.id];
      li.classList.toggle('off', !!hidden[e.id]);
      draw();
    });
    legendEl.appendChild(li);
  });
  window.addEventListener('resize', resize);
  resize();
  // For scripts and the browser test: where pattern i is drawn, in canvas pixels.
  window.logAtlasScatter = { pointOnScreen: function (i) { return { x: sx[i], y: sy[i] }; } };
})();
`;
