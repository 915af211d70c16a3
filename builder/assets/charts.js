// Dateline charts: tooltips and interaction as an enhancement over the static SVG.
// Everything a reader needs (picture, caption, description, table, downloads) is on the
// page without JavaScript. This swaps the static picture for a live one drawn by Vega from
// the spec the site serves itself; the Vega bundle comes from this site, never a CDN.
// Vega compiles its expressions with `new Function`, so a Content-Security-Policy must
// allow 'unsafe-eval' in script-src for this layer; without it the static chart stays.
(function () {
  "use strict";
  var figures = document.querySelectorAll("figure.dl-chart[data-spec]");
  var script = document.currentScript;
  if (!figures.length || !window.fetch || !script) return;
  var base = script.src;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function enhance(figure, config) {
    var image = figure.querySelector(".dl-chart-image");
    return json(figure.getAttribute("data-spec")).then(function (spec) {
      var live = document.createElement("div");
      live.className = "dl-chart-live";
      live.setAttribute("role", "img");
      live.setAttribute("aria-label", image.getAttribute("aria-label"));
      live.hidden = true; // shown only once Vega has finished drawing
      image.insertAdjacentElement("afterend", live);
      return window.vegaEmbed(live, spec, { renderer: "svg", actions: false, config: config })
        .then(function () {
          // The wrapper is the image, named by the chart's description; what Vega drew
          // inside it is presentation, as in the static picture.
          live.setAttribute("role", "img");
          live.querySelector("svg").setAttribute("aria-hidden", "true");
          live.hidden = false;
          image.hidden = true;
        })
        .catch(function (error) { live.remove(); throw error; });
    });
  }

  var ready = window.vegaEmbed ? Promise.resolve() : load(new URL("vega.js", base).href);
  ready
    .then(function () { return dark() ? json(new URL("dark.json", base).href) : {}; })
    .then(function (config) {
      figures.forEach(function (figure) {
        enhance(figure, config).catch(function () { /* the static chart stays */ });
      });
    })
    .catch(function () { /* no Vega: the static charts stay */ });
})();
