// Deschis: draws every figure.chart from its JSON options with ECharts, and
// gives every chart a "Descarcă PNG" button (figure.chart, and the
// dashboards' sparklines, whose [data-png-file] element holds the options
// of the chart their PNG draws).
// Runs only when echarts is loaded; without it (or without JavaScript) the
// tables beside the charts carry the same numbers, and there is no button.
(function () {
  'use strict';
  var fmt;

  function formatters(options, width) {
    if (options.tooltip) {
      options.tooltip.valueFormatter = function (v) { return typeof v === 'number' ? fmt.format(v) : v; };
    }
    // Value axes in the page's number format (1.234.567 in Romanian);
    // on a narrow screen, long category names are cut so bars keep room
    // (the table below has them whole).
    var narrow = width < 600;
    [].concat(options.xAxis || [], options.yAxis || []).forEach(function (axis) {
      if (axis && axis.type === 'category' && narrow) {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.width = Math.round(width * 0.35);
        axis.axisLabel.overflow = 'truncate';
      }
      if (axis && (axis.type === 'value' || axis.type === undefined) && !axis.data) {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.formatter = function (v) { return fmt.format(v); };
      }
    });
    return options;
  }

  function optionsOf(el) {
    var script = el.querySelector('script.chart-options');
    if (!script) { return null; }
    try { return JSON.parse(script.textContent); } catch (e) { return null; }
  }

  // The PNG of a chart: drawn again off screen at a fixed size on white,
  // with its title, the page's heading under it and the source and edition
  // line at the bottom (the footer's data-png-source).
  var PNG_W = 1200, PNG_H = 700;
  function pngOf(el) {
    var options = optionsOf(el);
    if (!options) { return null; }
    options = formatters(options, PNG_W);
    var footer = document.querySelector('footer[data-png-source]');
    var h1 = document.querySelector('h1');
    var source = footer ? footer.getAttribute('data-png-source') : '';
    if (el.getAttribute('data-png-dataset')) { source += ' · ' + el.getAttribute('data-png-dataset'); }
    var legend = options.legend && options.legend.show;
    options.backgroundColor = '#ffffff';
    options.animation = false;
    options.title = [
      { text: el.getAttribute('data-png-title') || '', subtext: h1 ? h1.textContent.trim() : '', left: 'center', top: 14,
        textStyle: { fontSize: 22, color: '#1a1a1a' }, subtextStyle: { fontSize: 15, color: '#333333' } },
      { text: source, left: 'center', bottom: 10, textStyle: { fontSize: 13, fontWeight: 'normal', color: '#333333' } }
    ];
    if (options.legend) { options.legend.bottom = 36; }
    if (options.xAxis || options.yAxis) {
      options.grid = { containLabel: true, left: 24, right: 64, top: 96, bottom: legend ? 76 : 48 };
    } else {
      (options.series || []).forEach(function (s) { s.center = ['50%', '55%']; s.radius = '58%'; });
    }
    var box = document.createElement('div');
    box.className = 'chart-export';
    document.body.appendChild(box);
    var chart = window.echarts.init(box, null, { renderer: 'canvas', width: PNG_W, height: PNG_H });
    chart.setOption(options);
    var url = chart.getDataURL({ type: 'png', pixelRatio: 1, backgroundColor: '#ffffff' });
    chart.dispose();
    box.remove();
    return url;
  }

  // The file's name: what the chart is, and the edition's day.
  function fileOf(el) {
    var footer = document.querySelector('footer[data-release-date]');
    return el.getAttribute('data-png-file') + (footer ? '-' + footer.getAttribute('data-release-date') : '') + '.png';
  }

  // On the dashboards (an element with data-png-action: the signed-in
  // account's) the PNG goes through the server, which writes it to the audit
  // log and sends it back as the download; on the public site it is saved
  // from the page.
  function download(el) {
    var url = pngOf(el);
    if (!url) { return; }
    var audited = document.querySelector('[data-png-action]');
    if (audited) {
      var form = document.createElement('form');
      form.method = 'post';
      form.action = audited.getAttribute('data-png-action');
      form.hidden = true;
      var fields = { csrf: audited.getAttribute('data-csrf'), grafic: el.getAttribute('data-png-file'), png: url.replace(/^data:image\/png;base64,/, '') };
      Object.keys(fields).forEach(function (k) {
        var input = document.createElement('input');
        input.type = 'hidden';
        input.name = k;
        input.value = fields[k];
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
      form.remove();
      return;
    }
    var a = document.createElement('a');
    a.href = url;
    a.download = fileOf(el);
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function addButton(el, label) {
    var p = document.createElement('p');
    p.className = 'chart-actions';
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'png';
    b.setAttribute('data-png', el.getAttribute('data-png-file'));
    b.appendChild(document.createTextNode(label));
    var hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ': ' + (el.getAttribute('data-png-title') || '');
    b.appendChild(hidden);
    b.addEventListener('click', function () { download(el); });
    p.appendChild(b);
    el.appendChild(p);
  }

  function draw() {
    if (!window.echarts) { return; }
    var lang = document.documentElement.lang || 'ro';
    try {
      fmt = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ro-RO', { maximumFractionDigits: 2 });
    } catch (e) {
      fmt = { format: function (v) { return String(v); } };
    }
    var figures = document.querySelectorAll('figure.chart');
    var charts = [];
    Array.prototype.forEach.call(figures, function (fig) {
      var canvas = fig.querySelector('.chart-canvas');
      var options = optionsOf(fig);
      if (!canvas || !options) { return; }
      formatters(options, canvas.clientWidth);
      fig.classList.add('chart-drawn');
      var chart = window.echarts.init(canvas, null, { renderer: 'canvas' });
      chart.setOption(options);
      charts.push(chart);
    });
    var footer = document.querySelector('footer[data-png-label]');
    if (footer) {
      Array.prototype.forEach.call(document.querySelectorAll('[data-png-file]'), function (el) {
        addButton(el, footer.getAttribute('data-png-label'));
      });
    }
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
