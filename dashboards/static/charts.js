// Deschis: draws every figure.chart from its JSON options with ECharts.
// Runs only when echarts is loaded; without it (or without JavaScript) the
// tables beside the charts carry the same numbers.
(function () {
  'use strict';
  function draw() {
    if (!window.echarts) { return; }
    var lang = document.documentElement.lang || 'ro';
    var fmt;
    try {
      fmt = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ro-RO', { maximumFractionDigits: 2 });
    } catch (e) {
      fmt = { format: function (v) { return String(v); } };
    }
    var figures = document.querySelectorAll('figure.chart');
    var charts = [];
    Array.prototype.forEach.call(figures, function (fig) {
      var canvas = fig.querySelector('.chart-canvas');
      var script = fig.querySelector('script.chart-options');
      if (!canvas || !script) { return; }
      var options;
      try { options = JSON.parse(script.textContent); } catch (e) { return; }
      if (options.tooltip) {
        options.tooltip.valueFormatter = function (v) { return typeof v === 'number' ? fmt.format(v) : v; };
      }
      // Value axes in the page's number format (1.234.567 in Romanian);
      // on a narrow screen, long category names are cut so bars keep room
      // (the table below has them whole).
      var narrow = canvas.clientWidth < 600;
      [].concat(options.xAxis || [], options.yAxis || []).forEach(function (axis) {
        if (axis && axis.type === 'category' && narrow) {
          axis.axisLabel = axis.axisLabel || {};
          axis.axisLabel.width = Math.round(canvas.clientWidth * 0.35);
          axis.axisLabel.overflow = 'truncate';
        }
        if (axis && (axis.type === 'value' || axis.type === undefined) && !axis.data) {
          axis.axisLabel = axis.axisLabel || {};
          axis.axisLabel.formatter = function (v) { return fmt.format(v); };
        }
      });
      fig.classList.add('chart-drawn');
      var chart = window.echarts.init(canvas, null, { renderer: 'canvas' });
      chart.setOption(options);
      charts.push(chart);
    });
    window.addEventListener('resize', function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
