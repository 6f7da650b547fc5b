// Keeps "Nog N tekens" under each capped text field up to date while the person types.
// Progressive enhancement: the page renders the count on loading, and maxlength holds without this script.
// The message sits in an aria-live region; it is updated after a pause in typing, so a screen reader
// announces the count once instead of after every key.
(function () {
  "use strict";
  var timers = {};

  function update(field, counter) {
    var left = field.maxLength - field.value.length;
    var template = left >= 0 ? counter.dataset.left : counter.dataset.over;
    counter.textContent = template.replace("{n}", String(Math.abs(left)));
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.id || !(field.maxLength > 0)) {
      return;
    }
    var counter = document.getElementById(field.id + "-teller");
    if (!counter || !counter.dataset.left) {
      return;
    }
    clearTimeout(timers[field.id]);
    timers[field.id] = setTimeout(function () {
      update(field, counter);
    }, 300);
  });
})();
