/* Map page: loads ideas for the visible area from the GeoJSON API and draws points and clusters.
   The folium map exists already; its variable name is in data-map-var. */
(function () {
  "use strict";

  var frame = document.getElementById("ideas-map");
  if (!frame || !window.L) { return; }
  var map = window[frame.dataset.mapVar];
  if (!map) { return; }

  var labels = frame.dataset;
  var status = document.getElementById("ideas-map-status");
  var form = document.getElementById("idea-filters");
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var layer = L.layerGroup().addTo(map);
  // The idea whose popup is open: opening a popup pans the map, the pan reloads the points, and
  // the reload must not take the popup away from under the reader.
  var openIdea = null;
  var redrawing = false;
  var markers = {};
  var controller = null;
  var timer = null;
  var FILTERS = ["category", "district", "status", "q"];

  function say(text) { if (status) { status.textContent = text; } }

  function filterParams() {
    var params = new URLSearchParams();
    if (!form) { return params; }
    FILTERS.forEach(function (name) {
      var input = form.elements.namedItem(name);
      if (input && input.value.trim() !== "") { params.set(name, input.value.trim()); }
    });
    return params;
  }

  function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }

  function load() {
    var bounds = map.getBounds();
    var bbox = [
      clamp(bounds.getWest(), -180, 180), clamp(bounds.getSouth(), -90, 90),
      clamp(bounds.getEast(), -180, 180), clamp(bounds.getNorth(), -90, 90)
    ].map(function (v) { return v.toFixed(5); }).join(",");
    var params = filterParams();
    params.set("bbox", bbox);
    params.set("zoom", String(Math.round(map.getZoom())));
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    say(labels.labelLoading);
    fetch(labels.geojsonUrl + "?" + params.toString(), {
      headers: { Accept: "application/geo+json, application/json" },
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(draw).catch(function (error) {
      if (error.name !== "AbortError") { say(labels.labelError); }
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 150);
  }

  function text(tag, content, className) {
    // Titles and names are user input: set as text, never parsed as markup.
    var node = document.createElement(tag);
    node.textContent = content;
    if (className) { node.className = className; }
    return node;
  }

  function popupFor(props) {
    var box = document.createElement("div");
    box.className = "idea-popup";
    // h2: the popup sits directly under the page h1 in the heading outline.
    var title = document.createElement("h2");
    var link = text("a", props.title);
    link.href = props.url;
    title.appendChild(link);
    box.appendChild(title);
    box.appendChild(text("p", props.category_name || props.category || "", "meta"));
    box.appendChild(text("p", labels.labelSupports.replace("{count}", numbers.format(props.support_count || 0))));
    if (props.approximate) { box.appendChild(text("p", labels.labelApproximate, "meta")); }
    var open = text("a", labels.labelOpen);
    open.href = props.url;
    box.appendChild(text("p", ""));
    box.lastChild.appendChild(open);
    // The support box is per resident (supported or not, supports left): fetched when the
    // popup opens, and enhanced by support.js like every other support form.
    var support = document.createElement("div");
    support.className = "idea-popup-support";
    support.dataset.src = props.url.replace(/\/$/, "") + "/support";
    box.appendChild(support);
    return box;
  }

  function loadSupport(event) {
    var holder = event.popup.getElement().querySelector(".idea-popup-support");
    if (!holder || holder.dataset.loaded) { return; }
    fetch(holder.dataset.src, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        // Our own server-rendered fragment, in which user text is already escaped.
        var parsed = new DOMParser().parseFromString(html, "text/html");
        Array.prototype.slice.call(parsed.body.childNodes).forEach(function (node) {
          holder.appendChild(document.adoptNode(node));
        });
        holder.dataset.loaded = "1";
        event.popup.update();
      });
  }

  function drawPoint(feature) {
    var coords = feature.geometry.coordinates;
    var props = feature.properties;
    var marker = L.circleMarker([coords[1], coords[0]], {
      radius: props.approximate ? 10 : 8,
      color: "#ffffff",
      weight: 2,
      dashArray: props.approximate ? "3 3" : null,
      fillColor: props.color || "#1f6f8b",
      fillOpacity: 0.9
    }).bindPopup(popupFor(props)).on("popupopen", loadSupport)
      .on("popupopen", function () { openIdea = props.id; })
      .on("popupclose", function () { if (!redrawing) { openIdea = null; } })
      .bindTooltip(text("span", props.title)).addTo(layer);
    markers[props.id] = marker;
  }

  function drawCluster(feature) {
    var coords = feature.geometry.coordinates;
    var props = feature.properties;
    var count = props.count || 0;
    var size = count < 10 ? 34 : count < 100 ? 42 : count < 1000 ? 50 : 60;
    var label = labels.labelCluster.replace("{count}", numbers.format(count));
    var marker = L.marker([coords[1], coords[0]], {
      icon: L.divIcon({ className: "idea-cluster", html: "", iconSize: [size, size] }),
      title: label,
      alt: label,
      keyboard: true
    });
    marker.on("add", function () {
      var element = marker.getElement();
      if (element) {
        element.textContent = numbers.format(count);
        element.setAttribute("role", "button");
        element.setAttribute("aria-label", label);
      }
    });
    marker.on("click", function () {
      var b = props.bbox;
      if (b && (b[2] - b[0] > 1e-6 || b[3] - b[1] > 1e-6)) {
        map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [24, 24] });
      } else {
        map.setView([coords[1], coords[0]], Math.min(map.getZoom() + 2, map.getMaxZoom()));
      }
    });
    marker.addTo(layer);
  }

  function draw(collection) {
    redrawing = true;
    layer.clearLayers();
    redrawing = false;
    markers = {};
    var total = 0;
    (collection.features || []).forEach(function (feature) {
      if (feature.properties && feature.properties.cluster) {
        drawCluster(feature);
        total += feature.properties.count || 0;
      } else {
        drawPoint(feature);
        total += 1;
      }
    });
    say(labels.labelCount.replace("{count}", numbers.format(total)));
    if (openIdea !== null && markers[openIdea]) {
      markers[openIdea].openPopup();
    } else {
      openIdea = null;
    }
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = filterParams();
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      load();
    });
  }
  if (labels.bounds) {
    try { map.fitBounds(JSON.parse(labels.bounds)); } catch (ignore) { /* keep the default view */ }
  }
  map.on("moveend", schedule);
  load();
}());
