// Country pickers: a filter box over the list of country checkboxes. Without this script the
// list still works (tick the boxes); with it, typing narrows the list. Ticked countries always
// stay visible so the reader sees what they chose.
(function () {
  "use strict";
  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function enhance(picker) {
    var box = picker.querySelector(".picker-filter");
    var input = picker.querySelector("[data-picker-filter]");
    var count = picker.querySelector("[data-picker-count]");
    var choices = Array.prototype.slice.call(picker.querySelectorAll(".picker-list .choice"));
    if (!box || !input) { return; }
    box.hidden = false;
    picker.classList.add("is-filterable");
    input.addEventListener("input", function () {
      var wanted = normalise(input.value);
      var shown = 0;
      choices.forEach(function (choice) {
        var ticked = choice.querySelector("input").checked;
        var match = !wanted || normalise(choice.textContent).indexOf(wanted) !== -1;
        choice.hidden = !(match || ticked);
        if (!choice.hidden) { shown += 1; }
      });
      if (count) { count.textContent = wanted ? count.dataset.words.replace("NUMBER", shown) : ""; }
    });
    // Enter in the filter box must not submit the whole step.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
  }
  document.querySelectorAll(".country-picker").forEach(enhance);
})();
