/**
 * The script report.html runs (plain browser JavaScript, inlined after chart.js): it draws every
 * chart from the data embedded in the page with tooltips on hover, series switched on and off
 * from the legend (chart.js's own behaviour), drag across a chart to zoom its x axis and a button
 * to reset it; time axes get the same clock ticks as the PNGs and the fault windows their shade.
 * Written as a string because it runs in the page, not in Node; test/report's browser test runs it.
 * It makes no request: everything it needs is in the page.
 */
export const PAGE_SCRIPT = `
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("authsim-chart-data").textContent);
  var WEEK = 604800, DAY = 86400, DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  var STEPS = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, DAY];
  function pad(n) { return String(n).padStart(2, "0"); }
  function weekTime(s, seconds) {
    s = ((Math.round(s) % WEEK) + WEEK) % WEEK;
    var clock = pad(Math.floor((s % DAY) / 3600)) + ":" + pad(Math.floor((s % 3600) / 60));
    return DAYS[Math.floor(s / DAY)] + " " + (seconds ? clock + ":" + pad(s % 60) : clock);
  }
  function tickStep(span) {
    for (var i = 0; i < STEPS.length; i++) if (span / STEPS[i] <= 12) return STEPS[i];
    return DAY * Math.ceil(span / DAY / 12);
  }
  function number(v) {
    var r = Number(Number(v).toPrecision(4));
    return r.toLocaleString("en-US", { maximumFractionDigits: 4 });
  }
  function translucent(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + ((n >> 16) & 255) + ", " + ((n >> 8) & 255) + ", " + (n & 255) + ", " + a + ")";
  }
  // Warm-up and fault windows, shaded and labelled as on the PNGs (charts/time-window-plugin.ts).
  var windowsPlugin = {
    id: "timeWindows",
    afterDatasetsDraw: function (chart, args, options) {
      var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      if (!x || !options || !options.windows) return;
      ctx.save();
      ctx.font = "12px system-ui, sans-serif";
      ctx.textBaseline = "top";
      var row = 0;
      options.windows.forEach(function (w) {
        var left = Math.max(area.left, x.getPixelForValue(w.start));
        var right = Math.min(area.right, x.getPixelForValue(w.end));
        if (right <= left) return;
        ctx.fillStyle = translucent(w.colour, options.shade === "behind" ? 0.1 : 0.12);
        ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
        ctx.fillStyle = w.colour;
        ctx.fillText(w.label, Math.min(left + 4, area.right - ctx.measureText(w.label).width - 4), area.top + 4 + 17 * row);
        row = (row + 1) % 2;
      });
      ctx.restore();
    }
  };
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.animation = false;
  Chart.defaults.color = "#222222";
  // Legend samples drawn like the data: a dashed series gets a dashed sample (charts/chart-input.ts).
  function legendLabels(chart) {
    return Chart.defaults.plugins.legend.labels.generateLabels(chart).map(function (item) {
      var dataset = chart.data.datasets[item.datasetIndex] || {};
      item.lineDash = Array.isArray(dataset.borderDash) ? dataset.borderDash : [];
      item.lineWidth = Number(dataset.borderWidth || 2);
      return item;
    });
  }
  window.authsimCharts = {};

  function build(canvas) {
    var page = data[canvas.getAttribute("data-page-chart")];
    var config = page.config;
    var options = config.options = config.options || {};
    options.responsive = true;
    options.maintainAspectRatio = true;
    options.aspectRatio = 2;
    options.normalized = true;
    var scales = options.scales || {};
    Object.keys(scales).forEach(function (id) {
      if (id === "x") return;
      var unit = page.tickUnits[id] || "";
      scales[id].ticks = Object.assign({}, scales[id].ticks, { callback: function (v) { return number(v) + unit; } });
    });
    var original = { min: scales.x && scales.x.min, max: scales.x && scales.x.max };
    if (page.clock && scales.x) {
      var start = page.clock.startWeekSecond;
      scales.x.afterBuildTicks = function (axis) {
        var step = tickStep(axis.max - axis.min), first = Math.ceil((start + axis.min) / step) * step - start, ticks = [];
        for (var t = first; t <= axis.max + 1e-9; t += step) ticks.push({ value: t });
        axis.ticks = ticks;
        axis.$step = step;
      };
      scales.x.ticks = Object.assign({}, scales.x.ticks, {
        callback: function (v) { return weekTime(start + Number(v), (this.$step || 60) < 60); }
      });
    }
    var many = config.data.datasets.length > 8;
    options.interaction = { mode: many ? "nearest" : "index", axis: "x", intersect: false };
    var plugins = options.plugins = options.plugins || {};
    if (plugins.legend && plugins.legend.labels) plugins.legend.labels.generateLabels = legendLabels;
    plugins.tooltip = {
      enabled: true,
      callbacks: {
        title: function (items) {
          if (!items.length) return "";
          var x = items[0].parsed.x;
          return page.clock ? weekTime(page.clock.startWeekSecond + x, true) + " UTC" : number(x);
        },
        label: function (item) {
          var unit = page.units[item.dataset.yAxisID || "y"] || "";
          return item.dataset.label + ": " + (item.parsed.y === null ? "–" : number(item.parsed.y) + unit);
        }
      }
    };
    config.plugins = [windowsPlugin];
    var chart = new Chart(canvas, config);
    window.authsimCharts[canvas.getAttribute("data-page-chart")] = chart;
    zoomable(canvas, chart, original);
  }

  // Drag across the plot to zoom the x axis; the button beside the chart puts it back.
  function zoomable(canvas, chart, original) {
    var figure = canvas.closest("figure"), box = figure.querySelector(".zoom-box"), reset = figure.querySelector("button.reset");
    var from = null;
    function inArea(e) {
      var a = chart.chartArea;
      return e.offsetX >= a.left && e.offsetX <= a.right && e.offsetY >= a.top && e.offsetY <= a.bottom;
    }
    canvas.addEventListener("pointerdown", function (e) { if (inArea(e)) from = e.offsetX; });
    canvas.addEventListener("pointermove", function (e) {
      if (from === null) return;
      var a = chart.chartArea, x0 = Math.max(a.left, Math.min(from, e.offsetX)), x1 = Math.min(a.right, Math.max(from, e.offsetX));
      box.hidden = false;
      box.style.left = x0 + "px"; box.style.width = (x1 - x0) + "px";
      box.style.top = a.top + "px"; box.style.height = (a.bottom - a.top) + "px";
    });
    window.addEventListener("pointerup", function (e) {
      if (from === null) return;
      var a = chart.chartArea, x0 = Math.max(a.left, Math.min(from, e.offsetX)), x1 = Math.min(a.right, Math.max(from, e.offsetX));
      from = null;
      box.hidden = true;
      if (e.target !== canvas || x1 - x0 < 6) return;
      var x = chart.scales.x;
      chart.options.scales.x.min = x.getValueForPixel(x0);
      chart.options.scales.x.max = x.getValueForPixel(x1);
      chart.update("none");
      reset.hidden = false;
    });
    reset.addEventListener("click", function () {
      chart.options.scales.x.min = original.min;
      chart.options.scales.x.max = original.max;
      chart.update("none");
      reset.hidden = true;
    });
  }

  document.querySelectorAll("canvas[data-page-chart]").forEach(build);
})();
`;
