// Belladonna's small amount of page behaviour. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  // Every htmx request carries the CSRF token that the server put in the page's <meta>.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRF-Token"] = meta.content;
    }
  });
})();
