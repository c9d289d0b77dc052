/* "Copy the link" next to an idea's link; without JavaScript the field can be selected and copied. */
(function () {
  "use strict";

  function setup(box) {
    var input = box.querySelector("input[type=url]");
    var status = box.querySelector("[data-share-status]");
    if (!input || box.querySelector(".share-copy")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary button-small share-copy";
    button.textContent = box.dataset.labelCopy;
    input.parentNode.appendChild(button);

    function done(ok) { status.textContent = ok ? box.dataset.labelCopied : box.dataset.labelCopyFailed; }

    button.addEventListener("click", function () {
      input.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(function () { done(true); }, function () {
          done(document.execCommand && document.execCommand("copy"));
        });
      } else {
        done(document.execCommand && document.execCommand("copy"));
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), setup);
}());
