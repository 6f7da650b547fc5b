// The stakeholder's answer form, enhanced; everything here also works without it, only less comfortably.
// - Saves the draft when the page is hidden or left (tab closed, other app), so what was typed within htmx's
//   autosave pause is not lost: a keepalive fetch outlives the page and carries the form's CSRF token.
// - Recounts "3 van 7 passages beantwoord" as radio buttons are chosen.
// - On a wide screen, unfolds each document's page images beside its passages.
(function () {
  "use strict";
  var form = document.getElementById("zienswijze-formulier");
  var status = document.getElementById("automatisch-bewaren");
  if (!form || !status) {
    return;
  }
  // Browsers refuse a keepalive request with a body over 64 KiB; a longer draft is sent as a plain request.
  var KEEPALIVE_LIMIT = 60000;
  var unsaved = false;

  function saveNow() {
    if (!unsaved) {
      return;
    }
    unsaved = false;
    var data = new FormData(form);
    data.delete("attachment");
    var body = new URLSearchParams(data).toString();
    fetch(status.getAttribute("hx-post"), {
      method: "POST",
      body: body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      credentials: "same-origin",
      keepalive: body.length < KEEPALIVE_LIMIT,
    })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var reply = new DOMParser().parseFromString(html, "text/html").getElementById("automatisch-bewaren");
        var current = document.getElementById("automatisch-bewaren");
        if (reply && current) {
          current.textContent = reply.textContent;
        }
      })
      .catch(function () {
        unsaved = true;
      });
  }

  function recount() {
    document.querySelectorAll("[data-progress]").forEach(function (counter) {
      var scope = counter.dataset.progress ? '[data-document="' + counter.dataset.progress + '"]' : "[data-document]";
      var answered = form.querySelectorAll("fieldset" + scope + " input[type=radio]:checked").length;
      counter.textContent = counter.dataset.template.replace("{n}", String(answered));
    });
  }

  form.addEventListener("input", function () {
    unsaved = true;
  });
  form.addEventListener("change", function (event) {
    unsaved = true;
    if (event.target.type === "radio") {
      recount();
    }
  });
  // A submit saves the form itself; its page leaving must not post the same draft again.
  form.addEventListener("submit", function () {
    unsaved = false;
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      saveNow();
    }
  });
  window.addEventListener("pagehide", saveNow);

  var wide = window.matchMedia("(min-width: 64em)");
  function unfoldPages() {
    if (wide.matches) {
      document.querySelectorAll("details.app-pages").forEach(function (pages) {
        pages.open = true;
      });
    }
  }
  wide.addEventListener("change", unfoldPages);
  unfoldPages();
})();
