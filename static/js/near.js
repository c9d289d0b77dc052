/* "Ideas near me" on the list: the browser's location fills the "near" point and the list is
   sorted by distance, so that nobody has to type a latitude and longitude. Without JavaScript
   (or without a location) the point can still be typed, or a district chosen. */
(function () {
  "use strict";

  var box = document.querySelector("[data-near-me]");
  var form = document.getElementById("idea-filters");
  if (!box || !form || !navigator.geolocation) { return; }
  var near = form.elements.namedItem("near");
  var sort = form.elements.namedItem("sort");
  var status = box.querySelector("[data-near-status]");
  if (!near || !sort) { return; }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button-secondary button-small near-me";
  button.textContent = box.dataset.labelNearMe;
  box.insertBefore(button, status);

  function say(text) { status.textContent = text; }

  button.addEventListener("click", function () {
    say(box.dataset.labelLocating);
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      // Four decimals (about 10 m) are enough to sort by distance, and say no more of the place.
      near.value = position.coords.latitude.toFixed(4) + ", " + position.coords.longitude.toFixed(4);
      sort.value = "near";
      form.submit();
    }, function () {
      button.disabled = false;
      say(box.dataset.labelRefused);
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
  });
}());
