// The search page: Pagefind's interface, in the page's language, started with ?q= from the header.
(function () {
  var box = document.getElementById("fs-search");
  if (!box || typeof PagefindUI === "undefined") return;
  var base = document.querySelector('script[src$="pagefind-ui.js"]').getAttribute("src").replace(/pagefind-ui\.js$/, "");
  var ui = new PagefindUI({
    element: "#fs-search",
    bundlePath: base,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: box.getAttribute("data-placeholder") }
  });
  // Pagefind's input has only a placeholder: give it an accessible name.
  var input = box.querySelector("input");
  if (input) input.setAttribute("aria-label", box.getAttribute("data-placeholder"));
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
