// Moderation queue shortcuts: j/k move between items, a approves, r picks a rejection reason,
// u undoes the last decision. After a decision the page comes back on the next item (#item-n).
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-queue-item]"));
  var undo = document.querySelector("[data-undo]");
  if (!items.length && !undo) { return; }
  var current = -1;

  function focusItem(index) {
    if (index < 0 || index >= items.length) { return; }
    if (current >= 0) { items[current].classList.remove("is-current"); }
    current = index;
    items[current].classList.add("is-current");
    items[current].focus();
    items[current].scrollIntoView({ block: "nearest" });
  }

  function typing(target) {
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  items.forEach(function (item, index) {
    item.addEventListener("focusin", function () {
      if (current !== index) {
        if (current >= 0) { items[current].classList.remove("is-current"); }
        current = index;
        item.classList.add("is-current");
      }
    });
  });

  if (location.hash) {
    var anchored = items.indexOf(document.getElementById(location.hash.slice(1)));
    if (anchored >= 0) { focusItem(anchored); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    if (event.key === "u" && undo) { undo.click(); }
    else if (event.key === "j") { focusItem(current + 1); }
    else if (event.key === "k") { focusItem(Math.max(0, current - 1)); }
    else if (event.key === "a" && current >= 0) {
      var approve = items[current].querySelector("form[data-approve]");
      if (approve) { approve.requestSubmit ? approve.requestSubmit() : approve.submit(); }
    } else if (event.key === "r" && current >= 0) {
      var reason = items[current].querySelector("[data-reject-reason]");
      if (reason) { reason.focus(); }
    } else { return; }
    event.preventDefault();
  });
})();
