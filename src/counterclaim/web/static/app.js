// Counterclaim workbench: the only script. Served from /static because the CSP forbids inline code.
// It highlights the sentence named by the URL fragment (#s-<start>) on the article page; everything
// else works without JavaScript.
"use strict";

(function () {
  function highlightTarget() {
    var match = /^#s-(\d+)$/.exec(window.location.hash);
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    if (!match) { return; }
    var start = match[1];
    var parts = document.querySelectorAll('[data-sent~="' + start + '"]');
    parts.forEach(function (el) { el.classList.add("hl"); });
    var first = parts.length ? parts[0] : document.getElementById("s-" + start);
    if (first) {
      first.scrollIntoView({ block: "center" });
      document.body.setAttribute("data-highlighted", start);
    }
  }

  function init() {
    if (document.getElementById("article-text")) {
      highlightTarget();
      window.addEventListener("hashchange", highlightTarget);
    }
    // Graph: hovering a node fades edges that do not touch it.
    document.querySelectorAll("svg.graph .node").forEach(function (node) {
      var id = node.getAttribute("data-node");
      var svg = node.closest("svg");
      node.addEventListener("mouseenter", function () {
        svg.classList.add("focus");
        svg.querySelectorAll('[data-from="' + id + '"], [data-to="' + id + '"]').forEach(function (e) { e.classList.add("on"); });
        node.classList.add("on");
      });
      node.addEventListener("mouseleave", function () {
        svg.classList.remove("focus");
        svg.querySelectorAll(".on").forEach(function (e) { e.classList.remove("on"); });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
