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

  // htmx does not swap 4xx/5xx answers by default, so a refused form would show nothing. The server answers
  // htmx requests with a small error fragment: show it where the person acted (the form's own error area,
  // else the request's target). The form itself is never replaced, so what was typed stays.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status < 400) {
      return;
    }
    var form = event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    var area = form ? form.querySelector(".form-errors") : null;
    if (area) {
      event.detail.target = area;
      event.detail.swapOverride = "innerHTML";
    }
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  });

  // A form whose error area showed a refusal clears it when it is sent again.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    var area = form ? form.querySelector(".form-errors") : null;
    if (area) {
      area.textContent = "";
    }
  });

  // A polled job whose server stops answering says so, instead of a stale estimate; the next answer replaces it.
  // Other polled panels (the model install, scoring) get the same note above what they last showed.
  document.addEventListener("htmx:sendError", function (event) {
    var elt = event.detail.elt;
    var job = elt.closest ? elt.closest(".job") : null;
    var poller = job || (elt.closest ? elt.closest("[hx-trigger*='every']") : null);
    if (!poller || poller.querySelector(".job-offline")) {
      return;
    }
    var note = document.createElement("p");
    note.className = "job-offline error";
    note.setAttribute("role", "alert");
    note.textContent = "The server is not answering (since " + new Date().toLocaleTimeString() + "). Is it still running? "
      + "This page keeps trying and carries on when it is back.";
    var status = job ? job.querySelector(".job-status") : null;
    if (status) {
      status.replaceWith(note);
    } else {
      poller.insertBefore(note, poller.firstChild);
    }
  });

  // A list that shows what a job adds (e.g. /experiments and its import) is refreshed once that job is done.
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("[data-refresh-on-done]").forEach(function (watch) {
      if (watch.dataset.refreshed !== "yes" && watch.querySelector(".job-done")) {
        watch.dataset.refreshed = "yes";
        var selector = watch.dataset.refreshOnDone;
        htmx.ajax("GET", window.location.pathname + window.location.search,
          { target: selector, select: selector, swap: "outerHTML" });
      }
    });
  });
})();
