// The protect pages' behaviour, all progressive enhancement: without it the file input and the plain
// form still work, and the result page can be reloaded by hand.
(function () {
  "use strict";

  // Drop zone: dropped files go into the form's own <input type=file>, so the ordinary submit sends them.
  document.querySelectorAll(".drop-zone").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    var list = zone.querySelector(".drop-files");
    function show() {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      list.textContent = names.length === 0 ? "" : names.length + " chosen: " + names.join(", ");
    }
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length > 0) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);
  });

  // A result page waiting for its job shows the result as soon as the job fragment reports it done.
  // (Checked on the document: after an outerHTML swap the event's element is the detached old one.)
  document.addEventListener("htmx:afterSettle", function () {
    if (document.querySelector("[data-reload-when-done] .job-done")) {
      window.location.reload();
    }
  });
})();
