/* A validation badge that waits (pending, running) asks the API for the result every
   few seconds and shows it when it comes: nobody has to guess when to reload. */
(function () {
  "use strict";
  var WAITING = ["pending", "running"];
  var CLASSES = { success: ["bg-success"], failure: ["bg-danger"], error: ["bg-warning", "text-dark"] };
  var EVERY_MS = 3000;
  var GIVE_UP_MS = 15 * 60 * 1000;

  function show(badge, status) {
    var labels = JSON.parse(badge.getAttribute("data-labels") || "{}");
    badge.classList.remove("bg-secondary", "bg-success", "bg-danger", "bg-warning", "text-dark");
    (CLASSES[status] || ["bg-secondary"]).forEach(function (c) { badge.classList.add(c); });
    badge.setAttribute("data-status", status);
    badge.textContent = (badge.getAttribute("data-prefix") || "") + (labels[status] || status);
  }

  function poll(badge, started) {
    var url = badge.getAttribute("data-poll");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        var status = body && body.success ? body.result.status : null;
        if (status && status !== badge.getAttribute("data-status")) { show(badge, status); }
        if ((!status || WAITING.indexOf(status) >= 0) && Date.now() - started < GIVE_UP_MS) {
          window.setTimeout(function () { poll(badge, started); }, EVERY_MS);
        }
      })
      .catch(function () {
        if (Date.now() - started < GIVE_UP_MS) {
          window.setTimeout(function () { poll(badge, started); }, EVERY_MS * 2);
        }
      });
  }

  function start() {
    var badges = document.querySelectorAll(".lutsk-charter-validation-badge[data-poll]");
    Array.prototype.forEach.call(badges, function (badge) {
      if (WAITING.indexOf(badge.getAttribute("data-status")) >= 0) {
        window.setTimeout(function () { poll(badge, Date.now()); }, EVERY_MS);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
