/* Material wraps wide content tables in a sideways-scrolling box; a keyboard cannot reach
   such a box unless it is focusable. Mark each one as a focusable, named region (WCAG 2.1.1;
   axe: scrollable-region-focusable). No request, works from file://. */
(function () {
  "use strict";
  function mark() {
    // names must differ: "Table 2 (Rim sizes)", after the heading the table sits under
    var heading = "", count = 0;
    document.querySelectorAll(".md-typeset h2, .md-typeset h3, .md-typeset__scrollwrap").forEach(function (node) {
      if (!node.classList.contains("md-typeset__scrollwrap")) {
        heading = node.textContent.replace(/\u00b6/g, "").trim();
        return;
      }
      count += 1;
      if (node.hasAttribute("tabindex")) return;
      var caption = node.querySelector("caption");
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "region");
      node.setAttribute("aria-label", "Table " + count + " (" + (caption ? caption.textContent : heading || document.title) + ")");
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { window.setTimeout(mark, 0); });
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
})();
