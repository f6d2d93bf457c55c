// The queue: "select all on this page", the count of selected rows, and the reason field asked for
// when the chosen action needs one. Everything works without it (a plain form post).
(function () {
  "use strict";
  var all = document.getElementById("pick-all");
  var picked = document.getElementById("picked");
  var action = document.getElementById("bulk-action");
  var reason = document.getElementById("bulk-reason");
  var assignee = document.getElementById("bulk-assignee");
  function boxes() { return Array.prototype.slice.call(document.querySelectorAll("input.pick-one")); }
  function count() {
    var n = boxes().filter(function (b) { return b.checked; }).length;
    if (picked) { picked.textContent = String(n); }
    if (all) { all.checked = n > 0 && n === boxes().length; all.indeterminate = n > 0 && n < boxes().length; }
  }
  function needs() {
    if (!action) { return; }
    var wantsReason = action.value === "reject" || action.value === "hold";
    reason.required = wantsReason;
    reason.closest("label").hidden = !wantsReason;
    assignee.closest("label").hidden = action.value !== "assign";
  }
  if (all) {
    all.addEventListener("change", function () {
      boxes().forEach(function (b) { b.checked = all.checked; });
      count();
    });
  }
  boxes().forEach(function (b) { b.addEventListener("change", count); });
  if (action) { action.addEventListener("change", needs); needs(); }
  document.querySelectorAll("button.group-action").forEach(function (button) {
    button.addEventListener("click", function () {
      // a group action is not the selection's action: the reason field stays optional for it
      if (reason) { reason.required = false; }
    });
  });
  count();
})();
