// Draws the report's charts with Chart.js from the JSON in #report-data, one per <canvas data-chart=i>
// of the template, then sets document.body.dataset.ready = "true" when every chart drew (the
// browser check waits for it). Errors are collected by the template's first script.
(function () {
  "use strict";
  var PALETTE = ["#1d4ed8", "#15803d", "#c2410c", "#7c3aed", "#0e7490", "#b91c1c", "#4d7c0f", "#a16207"];
  var IDEAL = "#9aa5b1";
  var data = JSON.parse(document.getElementById("report-data").textContent);

  function format(value) {
    if (value === null || value === undefined || !isFinite(value)) return "—";
    var abs = Math.abs(value);
    if (abs === 0) return "0";
    var rounded = Number(value.toPrecision(3));
    return abs >= 100 ? Math.round(rounded).toLocaleString("en-US") : rounded.toString();
  }

  function withAlpha(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  // Whiskers for the intervals: Chart.js has no error bars, so each mean's [lo, hi] is a short line.
  var intervals = {
    id: "mprocIntervals",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, y = chart.scales.y;
      chart.data.datasets.forEach(function (ds, i) {
        if (!ds.mprocMeans || !chart.isDatasetVisible(i)) return;
        var meta = chart.getDatasetMeta(i);
        ctx.save();
        ctx.strokeStyle = ds.borderColor;
        ctx.lineWidth = 1.5;
        ds.data.forEach(function (p, j) {
          if (p.lo === null || p.hi === null || p.lo === undefined || p.hi === undefined) return;
          var x = meta.data[j].x, top = y.getPixelForValue(p.hi), bottom = y.getPixelForValue(p.lo);
          ctx.beginPath();
          ctx.moveTo(x, top); ctx.lineTo(x, bottom);
          ctx.moveTo(x - 5, top); ctx.lineTo(x + 5, top);
          ctx.moveTo(x - 5, bottom); ctx.lineTo(x + 5, bottom);
          ctx.stroke();
        });
        ctx.restore();
      });
    }
  };

  function datasets(chart) {
    var out = [], measured = chart.series.filter(function (s) { return s.kind !== "IDEAL"; });
    chart.series.forEach(function (s) {
      if (s.kind === "IDEAL") {
        out.push({
          label: s.name, type: "line", mprocGroup: s.name, order: 3,
          data: s.points.map(function (p) { return { x: p.x, y: p.y, k: p.x }; }),
          borderColor: IDEAL, backgroundColor: IDEAL, borderDash: [6, 5], borderWidth: 1.5,
          pointRadius: 0, pointHoverRadius: 0, fill: false
        });
        return;
      }
      var index = measured.indexOf(s), color = PALETTE[index % PALETTE.length];
      // Dodge the series apart and spread the iterations a little, so no dot hides another.
      var dodge = (index - (measured.length - 1) / 2) * 0.06;
      out.push({
        label: s.name, type: "line", mprocGroup: s.name, mprocMeans: true, order: 1,
        data: s.points.map(function (p) { return { x: p.x, y: p.y, k: p.x, lo: p.lo, hi: p.hi }; }),
        borderColor: color, backgroundColor: color, borderWidth: 2.5,
        borderDash: s.kind === "BASELINE" ? [4, 3] : [], pointRadius: 4.5, pointHoverRadius: 7, fill: false
      });
      var dots = [];
      s.points.forEach(function (p) {
        var n = p.iterations.length;
        p.iterations.forEach(function (v, j) {
          dots.push({ x: p.x + dodge + (n > 1 ? (j - (n - 1) / 2) * 0.025 : 0), y: v, k: p.x, iteration: j + 1 });
        });
      });
      if (dots.length) {
        out.push({
          label: s.name + " (iterations)", type: "scatter", mprocGroup: s.name, mprocDots: true, order: 2,
          data: dots, backgroundColor: withAlpha(color, 0.35), borderColor: withAlpha(color, 0.8),
          borderWidth: 1, pointRadius: 3, pointHoverRadius: 5
        });
      }
    });
    return out;
  }

  // The x axis: every core count measured, half a core of room on each side.
  function xRange(chart) {
    var xs = [];
    chart.series.forEach(function (s) {
      s.points.forEach(function (p) { if (xs.indexOf(p.x) < 0) xs.push(p.x); });
    });
    xs.sort(function (a, b) { return a - b; });
    return { min: xs[0] - 0.5, max: xs[xs.length - 1] + 0.5, ticks: xs };
  }

  // A measure whose series lie orders of magnitude apart (a tiny map: sequential Java against
  // processes) is drawn on a log axis, or the small ones would sit flat on zero.
  function logScale(chart) {
    var values = [];
    chart.series.forEach(function (s) {
      if (s.kind === "IDEAL") return;
      s.points.forEach(function (p) { values.push(p.y); (p.iterations || []).forEach(function (v) { values.push(v); }); });
    });
    if (values.length === 0 || values.some(function (v) { return !(v > 0); })) return false;
    return Math.max.apply(null, values) / Math.min.apply(null, values) > 10;
  }

  function draw(canvas, chart) {
    var range = xRange(chart), unit = chart.unit || "", log = logScale(chart);
    return new Chart(canvas, {
      data: { datasets: datasets(chart) },
      plugins: [intervals],
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "nearest", intersect: false, axis: "xy" },
        scales: {
          x: {
            type: "linear", min: range.min, max: range.max,
            title: { display: true, text: chart.xLabel, font: { weight: "600" } },
            afterBuildTicks: function (axis) {
              axis.ticks = range.ticks.map(function (k) { return { value: k }; });
            },
            grid: { color: "#eef2f6" }
          },
          y: {
            type: log ? "logarithmic" : "linear",
            beginAtZero: !log,
            title: { display: true, text: chart.yLabel + (log ? " — log scale" : ""), font: { weight: "600" } },
            ticks: { callback: function (v) { return format(v); } },
            grid: { color: "#eef2f6" }
          }
        },
        plugins: {
          legend: {
            position: "bottom",
            labels: {
              usePointStyle: true, boxHeight: 7,
              filter: function (item, d) { return !d.datasets[item.datasetIndex].mprocDots; }
            },
            // A series and its iteration dots hide and show together.
            onClick: function (e, item, legend) {
              var c = legend.chart, group = c.data.datasets[item.datasetIndex].mprocGroup;
              var show = !c.isDatasetVisible(item.datasetIndex);
              c.data.datasets.forEach(function (ds, i) {
                if (ds.mprocGroup === group) c.setDatasetVisibility(i, show);
              });
              c.update();
            }
          },
          subtitle: {
            display: chart.kind === "SPEEDUP",
            text: "dashed grey: ideal (linear) speedup",
            color: "#616e7c", padding: { bottom: 6 }
          },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? items[0].raw.k + (items[0].raw.k === 1 ? " core" : " cores") : ""; },
              label: function (item) {
                var ds = item.dataset, p = item.raw;
                if (ds.mprocDots) return ds.mprocGroup + ", iteration " + p.iteration + ": " + format(p.y) + " " + unit;
                var text = ds.label + ": " + format(p.y) + " " + unit;
                if (p.lo !== null && p.lo !== undefined && p.hi !== null && p.hi !== undefined) {
                  text += "  [" + format(p.lo) + ", " + format(p.hi) + "]";
                }
                return text;
              }
            }
          }
        }
      }
    });
  }

  var canvases = document.querySelectorAll("canvas[data-chart]"), drawn = 0;
  Array.prototype.forEach.call(canvases, function (canvas) {
    var index = Number(canvas.dataset.chart);
    try {
      var chart = draw(canvas, data.charts[index]);
      if (chart.chartArea && chart.chartArea.width > 0) {
        drawn++;
      } else {
        console.error("chart " + index + " (" + data.charts[index].title + ") has no drawing area");
      }
    } catch (e) {
      console.error("chart " + index + " failed: " + (e && e.stack ? e.stack : e));
    }
  });
  document.body.dataset.charts = String(drawn);
  document.body.dataset.ready = drawn === canvases.length ? "true" : "false";
})();
