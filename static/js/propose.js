/* Proposal form: a draggable pin on the folium map and "use my location" fill the latitude and
   longitude fields. Without JavaScript the same fields, or a district, do the job. */
(function () {
  "use strict";

  var frame = document.getElementById("propose-map");
  if (!frame || !window.L) { return; }
  var map = window[frame.dataset.mapVar];
  var latInput = document.getElementById("lat");
  var lngInput = document.getElementById("lng");
  if (!map || !latInput || !lngInput) { return; }

  var labels = frame.dataset;
  var status = document.getElementById("propose-map-status");
  var pin = null;

  function say(text) { if (status) { status.textContent = text; } }

  function fill(latlng) {
    latInput.value = latlng.lat.toFixed(6);
    lngInput.value = latlng.lng.toFixed(6);
  }

  function place(latlng, announce) {
    if (pin) {
      pin.setLatLng(latlng);
    } else {
      pin = L.marker(latlng, { draggable: true, keyboard: true, title: labels.labelPlaced }).addTo(map);
      pin.on("dragend", function () { fill(pin.getLatLng()); say(labels.labelPlaced); });
    }
    fill(latlng);
    if (announce) { say(announce); }
  }

  function typedPoint() {
    var lat = parseFloat(latInput.value.replace(",", "."));
    var lng = parseFloat(lngInput.value.replace(",", "."));
    if (isNaN(lat) || isNaN(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) { return null; }
    return L.latLng(lat, lng);
  }

  map.on("click", function (event) { place(event.latlng, labels.labelPlaced); });

  [latInput, lngInput].forEach(function (input) {
    input.addEventListener("change", function () {
      var point = typedPoint();
      if (point) { place(point); map.panTo(point); }
    });
  });

  var initial = typedPoint();
  if (initial) { place(initial); }

  // A map drawn inside a closed <details> has no size yet: measure it again once opened.
  var disclosure = frame.closest("details");
  if (disclosure) {
    disclosure.addEventListener("toggle", function () {
      if (disclosure.open) { map.invalidateSize(); if (pin) { map.panTo(pin.getLatLng()); } }
    });
  }

  if (navigator.geolocation && labels.labelLocate) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary locate-button";
    button.textContent = labels.labelLocate;
    button.addEventListener("click", function () {
      say(labels.labelLocating);
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        var point = L.latLng(position.coords.latitude, position.coords.longitude);
        place(point, labels.labelLocated);
        map.setView(point, 17);
        button.disabled = false;
      }, function () {
        say(labels.labelLocateError);
        button.disabled = false;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
    frame.parentNode.insertBefore(button, frame);
  }
}());
