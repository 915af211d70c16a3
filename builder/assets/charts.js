// Dateline charts: tooltips and interaction as an enhancement over the static SVG.
// Everything a reader needs (picture, caption, description, table, downloads) is on the
// page without JavaScript. This swaps the static picture for a live one drawn by Vega from
// the spec the site serves itself; the Vega bundle comes from this site, never a CDN.
// Vega compiles its expressions with `new Function`, so a Content-Security-Policy must
// allow 'unsafe-eval' in script-src for this layer; without it the static chart stays.
// Long lists (builder/render/listing.py): a filter, page or part link the reader points at,
// touches or focuses is fetched ahead, so that the page opens from the browser's cache when
// clicked. Without JavaScript the links work the same, without the head start.
(function () {
  "use strict";
  var asked = {};
  document.querySelectorAll(".dl-filters a, .dl-pager a, .dl-timeline-parts a")
    .forEach(function (link) {
      ["pointerenter", "touchstart", "focus"].forEach(function (kind) {
        link.addEventListener(kind, function () {
          if (asked[link.href]) return;
          asked[link.href] = true;
          var hint = document.createElement("link");
          hint.rel = "prefetch";
          hint.href = link.href;
          document.head.appendChild(hint);
        }, { passive: true });
      });
    });
})();

(function () {
  "use strict";
  var figures = document.querySelectorAll("figure.dl-chart[data-spec]");
  var script = document.currentScript;
  if (script) wholeAddresses(new URL("../", script.src).href);
  if (!figures.length || !window.fetch || !script) return;
  var base = script.src;

  // Without `site_url` a chart's citation and embed code give its addresses from the
  // site's root, which this script knows (its folder is in the root): they are made whole,
  // so that what a reader copies works on another site.
  function wholeAddresses(root) {
    document.querySelectorAll(".dl-chart-reuse[data-from-root]").forEach(function (box) {
      var citation = box.querySelector(".dl-chart-citation");
      var code = box.querySelector(".dl-chart-embed-code");
      if (citation) {
        citation.textContent = citation.textContent.replace(/, (charts\/[^,]*)$/, ", " + root + "$1");
      }
      if (code) code.value = code.value.replace('src="charts/', 'src="' + root + "charts/");
    });
  }

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

  // The spec names its text, axis and grid colours by their light values; each becomes the
  // value of its custom property on this page (builder/inks.py), so the live chart is inked
  // as the static one is, in either scheme.
  function inked(value, inks, style) {
    if (typeof value === "string") {
      var property = inks[value.toLowerCase()];
      return property ? (style.getPropertyValue(property).trim() || value) : value;
    }
    if (Array.isArray(value)) return value.map(function (v) { return inked(v, inks, style); });
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) { out[key] = inked(value[key], inks, style); });
      return out;
    }
    return value;
  }

  function enhance(figure, inks) {
    var image = figure.querySelector(".dl-chart-image");
    // On a phone, the narrow layout, as the static picture (dateline.css's breakpoint).
    var narrow = figure.hasAttribute("data-spec-narrow") && window.matchMedia &&
      window.matchMedia("(max-width: 639.98px)").matches;
    var url = figure.getAttribute(narrow ? "data-spec-narrow" : "data-spec");
    return json(url).then(function (spec) {
      var old = figure.querySelector(".dl-chart-live");
      var live = document.createElement("div");
      live.className = "dl-chart-live";
      live.setAttribute("role", "img");
      live.setAttribute("aria-label", image.getAttribute("aria-label"));
      live.hidden = true; // shown only once Vega has finished drawing
      image.insertAdjacentElement("afterend", live);
      var drawn = inked(spec, inks, getComputedStyle(figure));
      return window.vegaEmbed(live, drawn, { renderer: "svg", actions: false })
        .then(function () {
          // The wrapper is the image, named by the chart's description; what Vega drew
          // inside it is presentation, as in the static picture.
          live.setAttribute("role", "img");
          live.querySelector("svg").setAttribute("aria-hidden", "true");
          live.hidden = false;
          image.hidden = true;
          if (old) old.remove();
        })
        .catch(function (error) { live.remove(); throw error; });
    });
  }

  function drawAll(inks) {
    figures.forEach(function (figure) {
      enhance(figure, inks).catch(function () { /* the static chart stays */ });
    });
  }

  // Vega (about 300 KB compressed) loads only when the reader first reaches for a chart:
  // a pointer over it, a touch, or the focus on one of its links. Until then the static
  // pictures, which follow the scheme by themselves, are the charts.
  var started = false;
  function start() {
    if (started) return;
    started = true;
    var ready = window.vegaEmbed ? Promise.resolve() : load(new URL("vega.js", base).href);
    ready
      .then(function () { return json(new URL("inks.json", base).href); })
      .then(function (inks) {
        drawAll(inks);
        // The reader switches scheme: draw again in the new scheme's inks.
        new MutationObserver(function () { drawAll(inks); }).observe(document.body, {
          attributes: true, attributeFilter: ["data-md-color-scheme"]
        });
      })
      .catch(function () { /* no Vega: the static charts stay */ });
  }

  figures.forEach(function (figure) {
    ["pointerenter", "touchstart", "focusin"].forEach(function (kind) {
      figure.addEventListener(kind, start, { once: true, passive: true });
    });
  });
})();
