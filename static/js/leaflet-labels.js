/* Leaflet's own words ("Zoom in", "Zoom out", "Close popup", "Marker", its credit) in the page's
   language. Runs right after folium's script, whose map variable is named in data-map-var. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.L) { return; }
  var map = window[script.dataset.mapVar];
  var labels = {};
  try { labels = JSON.parse(script.dataset.labels || "{}"); } catch (ignore) { return; }
  if (!map) { return; }

  function name(element, label) {
    if (!element || !label) { return; }
    element.title = label;
    element.setAttribute("aria-label", label);
  }

  if (map.zoomControl) {
    name(map.zoomControl._zoomInButton, labels.zoomIn);
    name(map.zoomControl._zoomOutButton, labels.zoomOut);
  }
  if (map.attributionControl) {
    var prefix = document.createElement("a");
    prefix.href = "https://leafletjs.com";
    prefix.title = labels.leafletTitle || "";
    prefix.textContent = "Leaflet";
    map.attributionControl.setPrefix(prefix.outerHTML);
    // The tile credit is the operator's setting or its translation, never user input.
    map.eachLayer(function (layer) {
      if (layer instanceof L.TileLayer && labels.credit && layer.getAttribution()) {
        map.attributionControl.removeAttribution(layer.getAttribution());
        layer.options.attribution = labels.credit;
        map.attributionControl.addAttribution(labels.credit);
      }
    });
  }

  function nameMarker(layer) {
    if (layer instanceof L.Marker && layer.getElement() && layer.options.alt === "Marker") {
      layer.options.alt = labels.marker;
      layer.getElement().alt = labels.marker;
    }
  }
  map.eachLayer(nameMarker);
  map.on("layeradd", function (event) { nameMarker(event.layer); });
  // Popups are drawn when they open: their close button is named then.
  map.on("popupopen", function (event) {
    var close = event.popup.getElement() && event.popup.getElement().querySelector(".leaflet-popup-close-button");
    name(close, labels.closePopup);
  });
}());
