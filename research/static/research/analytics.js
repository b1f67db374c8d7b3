/* Draws the analytics charts from the page's JSON data block (no inline script: CSP). */
(function () {
  "use strict";
  var source = document.getElementById("analytics-data");
  if (!source || !window.echarts) { return; }
  var charts = JSON.parse(source.textContent);
  var drawn = {};

  function option(spec, animate, width) {
    // On a phone the category labels of a bar chart need turning earlier and fewer shown.
    var narrow = (width || 600) < 480;
    var count = spec.labels.length;
    var base = {
      animation: animate,
      tooltip: { trigger: spec.kind === "pie" ? "item" : "axis", renderMode: "richText" },
      grid: { left: 48, right: 16, top: 16, bottom: 64, containLabel: true }
    };
    if (spec.kind === "pie") {
      base.series = [{
        type: "pie", radius: ["35%", "65%"],
        data: spec.labels.map(function (label, i) { return { name: label, value: spec.values[i], url: spec.urls[i] }; })
          .filter(function (item) { return item.value > 0; }),
        label: narrow ? { show: false } : { formatter: "{b}: {c}" }
      }];
      if (narrow) {  // a phone has no room for leader lines: name the slices in a legend
        base.legend = { type: "scroll", bottom: 0 };
        base.series[0].center = ["50%", "42%"];
      }
      return base;
    }
    base.xAxis = { type: "category", data: spec.labels, axisLabel: {
      rotate: count > 6 || (narrow && count > 3) ? 45 : 0,
      interval: count > (narrow ? 10 : 20) ? "auto" : 0,
      width: narrow ? 64 : 90, overflow: "truncate"
    } };
    base.yAxis = { type: "value", max: spec.kind === "rate" ? 100 : null };
    base.series = [{ type: spec.kind === "line" ? "line" : "bar", data: spec.values, itemStyle: { color: "#0d6efd" } }];
    return base;
  }

  charts.forEach(function (spec) {
    var node = document.getElementById("chart-" + spec.key);
    if (!node) { return; }
    var chart = window.echarts.init(node, null, { renderer: "canvas" });
    chart.setOption(option(spec, true, node.clientWidth));
    chart.on("click", function (params) {
      var url = params.data && params.data.url ? params.data.url : spec.urls[params.dataIndex];
      if (url) { window.location.assign(url); }
    });
    node.setAttribute("data-drawn", "1");
    drawn[spec.key] = { chart: chart, spec: spec, node: node };
  });

  window.addEventListener("resize", function () {
    Object.keys(drawn).forEach(function (key) { drawn[key].chart.resize(); });
  });

  function save(name, href) {
    var link = document.createElement("a");
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  document.querySelectorAll("[data-save-chart]").forEach(function (button) {
    button.addEventListener("click", function () {
      var item = drawn[button.getAttribute("data-save-chart")];
      if (!item) { return; }
      var name = "analytics-" + item.spec.key;
      if (button.getAttribute("data-format") === "svg") {
        var ssr = window.echarts.init(null, null, {
          renderer: "svg", ssr: true, width: item.node.clientWidth || 600, height: item.node.clientHeight || 300
        });
        ssr.setOption(option(item.spec, false, item.node.clientWidth));
        var blob = new Blob([ssr.renderToSVGString()], { type: "image/svg+xml" });
        ssr.dispose();
        var url = URL.createObjectURL(blob);
        save(name + ".svg", url);
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      } else {
        save(name + ".png", item.chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" }));
      }
    });
  });
}());
