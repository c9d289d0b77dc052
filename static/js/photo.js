/* Photo fields: a phone photo larger than the site accepts is reduced in the browser (canvas)
   before it is sent, so that it just works; when that is not possible, the resident is told at
   once instead of after a long upload. Without JavaScript the server does the same checks and
   sends the form back with its fields and the message. */
(function () {
  "use strict";

  var TYPES = { "image/png": "image/webp", "image/webp": "image/webp" };

  function setup(box) {
    var input = box.querySelector("input[type=file][data-photo-max]");
    var status = box.querySelector("[data-photo-status]");
    if (!input || !window.DataTransfer || !window.createImageBitmap) { return; }
    var maxBytes = parseInt(input.dataset.photoMax, 10);
    var maxSide = parseInt(input.dataset.photoSide, 10);
    var labels = box.dataset;

    function say(text, isError) {
      status.textContent = text;
      status.className = isError ? "error" : "hint";
      if (isError) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    }

    function refuse() {
      input.value = "";
      say(labels.labelTooLarge, true);
    }

    function replace(file) {
      var transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
    }

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      say("", false);
      if (!file) { return; }
      createImageBitmap(file).then(function (bitmap) {
        var side = Math.max(bitmap.width, bitmap.height);
        if (side <= maxSide && file.size <= maxBytes) { return; }
        say(labels.labelShrinking, false);
        var scale = Math.min(1, maxSide / side);
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        var type = TYPES[file.type] || "image/jpeg";
        canvas.toBlob(function (blob) {
          if (!blob || blob.size > maxBytes) { refuse(); return; }
          var name = file.name.replace(/\.[^.]*$/, "") + (type === "image/webp" ? ".webp" : ".jpg");
          replace(new File([blob], name, { type: type }));
          say(labels.labelShrunk, false);
        }, type, 0.85);
      }, function () {
        // Not an image this browser can read: the server judges, unless it is too large anyway.
        if (file.size > maxBytes) { refuse(); }
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-photo-field]"), setup);
}());
