// Pagefind's search box. Its index lives in ../pagefind/ beside this page; results link
// relative to the site's root, wherever the site is served from (/, /repo/, a folder).
(function () {
  "use strict";
  if (typeof PagefindUI === "undefined") return;
  var root = new URL("../", window.location.href);
  new PagefindUI({
    element: "#search",
    bundlePath: new URL("pagefind/", root).pathname,
    baseUrl: root.pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false
  });
  // Pagefind's box has only a placeholder and a title: give it the page heading as its label.
  var input = document.querySelector("#search input");
  if (input) input.setAttribute("aria-labelledby", "search-h");
})();
