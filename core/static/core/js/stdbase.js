/* StdBase page behaviour. Loaded as a static file: the CSP forbids inline scripts. */
(function () {
  "use strict";

  // "/" focuses the search box from anywhere, like most search sites.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.querySelector("[data-search-box]");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // After htmx moved to another result page, the language switch must come back there,
  // not to the address the page was first loaded with.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.classList || !form.classList.contains("language-switch")) return;
    var next = form.querySelector('input[name="next"]');
    if (next) next.value = window.location.pathname + window.location.search;
  });

  // Search filters come before the results; on a narrow screen they fold behind their
  // summary button so that the results start near the top (wide screens show a column).
  var narrow = window.matchMedia("(max-width: 991.98px)");
  function foldFilters(root) {
    if (!narrow.matches || !root.querySelectorAll) return;
    root.querySelectorAll("details[data-fold-narrow]").forEach(function (details) {
      details.open = false;
    });
  }
  foldFilters(document);

  // Keep the page title in step with the results that htmx swapped in.
  document.addEventListener("htmx:afterSwap", function (event) {
    var region = event.detail && event.detail.target;
    if (!region || !region.querySelector) return;
    var marker = region.querySelector("[data-page-title]");
    if (marker) document.title = marker.getAttribute("data-page-title");
    foldFilters(region);
  });
})();
