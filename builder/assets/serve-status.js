// Added to pages only while serving (`dateline serve`, `mkdocs serve`): when the last save
// made the content invalid, the open page shows the errors above it. The server keeps the
// last good pages and reloads the browser after every build, so this runs after each save.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var status = new URL("serve-status.json", script.src);
  fetch(status, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (found) {
      if (!found.errors) return;
      var banner = document.createElement("div");
      banner.className = "dl-serve-problems";
      banner.setAttribute("role", "alert");
      banner.style.cssText =
        "position:sticky;top:0;z-index:1000;margin:0;padding:.8em 1em;" +
        "background:#fff3cd;color:#3d2c00;border-bottom:3px solid #b7791f;font:14px/1.4 sans-serif";
      var title = document.createElement("strong");
      title.textContent = "The content is invalid; this page is the last good version.";
      var details = document.createElement("pre");
      details.style.cssText = "margin:.5em 0 0;white-space:pre-wrap;font:13px/1.4 monospace";
      details.textContent = found.errors;
      banner.appendChild(title);
      banner.appendChild(details);
      document.body.insertBefore(banner, document.body.firstChild);
    })
    .catch(function () {});
})();
