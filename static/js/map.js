/* Map page: loads ideas for the visible area from the GeoJSON API and draws points and clusters.
   The folium map exists already; its variable name is in data-map-var, the translated
   sentences in data-labels (plural forms by CLDR category, picked with Intl.PluralRules). */
(function () {
  "use strict";

  var frame = document.getElementById("ideas-map");
  if (!frame || !window.L) { return; }
  var map = window[frame.dataset.mapVar];
  if (!map) { return; }

  var labels = {};
  try { labels = JSON.parse(frame.dataset.labels || "{}"); } catch (ignore) { labels = {}; }
  var lang = document.documentElement.lang || undefined;
  var status = document.getElementById("ideas-map-status");
  var form = document.getElementById("idea-filters");
  // Latin digits, as the server writes them (Babel's default for Arabic too) and support.js does.
  var numbers = new Intl.NumberFormat((lang || "fr") + "-u-nu-latn");
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var layer = L.layerGroup().addTo(map);
  // The idea whose popup is open. Opening a popup pans the map and the pan reloads the points:
  // that idea's marker is kept through the reload (same popup, same support box), so there is
  // never a second popup fading out beside it nor a second request for its support box.
  var openIdea = null;
  var markers = {};
  var controller = null;
  var timer = null;
  // Set when a cluster is chosen from the keyboard: its marker goes away with the zoom, so the
  // first marker of the next drawing takes the focus instead of the page's body.
  var focusNext = false;
  var FILTERS = ["category", "district", "status", "q"];

  function say(text) { if (status) { status.textContent = text; } }

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function plural(forms, count, values) {
    forms = forms || {};
    var tag = plurals ? plurals.select(count) : (count === 1 ? "one" : "other");
    var template = forms[tag] || forms.other || forms.one || "";
    values.count = numbers.format(count);
    return fill(template, values);
  }

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
    say(labels.loading);
    fetch(frame.dataset.geojsonUrl + "?" + params.toString(), {
      headers: { Accept: "application/geo+json, application/json" },
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(draw).catch(function (error) {
      if (error.name !== "AbortError") { say(labels.error); }
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

  function titleText(props) {
    // A resident's title: its own direction and, when known, its language (for screen readers).
    var span = text("span", props.title);
    span.dir = "auto";
    if (props.language) { span.lang = props.language; }
    return span;
  }

  function countLine(count) {
    // Shown until the idea's support box arrives, which then carries the one count.
    return text("p", plural(labels.supports, count, {}), "idea-popup-count");
  }

  function popupFor(props) {
    var box = document.createElement("div");
    box.className = "idea-popup";
    if (props.thumbnail) {
      // The small copy, as on the list's cards: a popup never downloads the full photo.
      var image = document.createElement("img");
      image.src = props.thumbnail;
      image.alt = labels.photo || "";
      image.loading = "lazy";
      image.width = 96;
      image.height = 72;
      image.className = "idea-popup-photo";
      box.appendChild(image);
    }
    // h2: the popup sits directly under the page h1 in the heading outline.
    var title = document.createElement("h2");
    var link = text("a", props.title);
    link.href = props.url;
    link.dir = "auto";
    if (props.language) { link.lang = props.language; }
    title.appendChild(link);
    box.appendChild(title);
    box.appendChild(text("p", props.category_name || props.category || "", "meta"));
    if (props.answer) {
      box.appendChild(text("p", fill(labels.answer, { answer: props.answer }), "idea-popup-answer"));
    }
    if (props.approximate) { box.appendChild(text("p", labels.approximate, "meta")); }
    var open = text("a", labels.open);
    open.href = props.url;
    box.appendChild(text("p", ""));
    box.lastChild.appendChild(open);
    // The support box is per resident (supported or not, supports left): fetched when the
    // popup first opens, and enhanced by support.js like every other support form. It then
    // stays in the popup, which support.js keeps up to date, so reopening shows the same count.
    var support = document.createElement("div");
    support.className = "idea-popup-support";
    support.dataset.src = props.url.replace(/\/$/, "") + "/support";
    support.appendChild(countLine(props.support_count || 0));
    box.appendChild(support);
    return box;
  }

  function loadSupport(popup) {
    var holder = popup.getElement().querySelector(".idea-popup-support");
    if (!holder || holder.dataset.state) { return; }
    holder.dataset.state = "loading";
    fetch(holder.dataset.src, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (!html) { delete holder.dataset.state; return; }
        // Our own server-rendered fragment, in which user text is already escaped.
        var parsed = new DOMParser().parseFromString(html, "text/html");
        holder.textContent = "";
        Array.prototype.slice.call(parsed.body.childNodes).forEach(function (node) {
          holder.appendChild(document.adoptNode(node));
        });
        holder.dataset.state = "loaded";
        // Leaflet re-attaches the content to resize the popup, which drops the focus: keep it.
        var focused = document.activeElement;
        popup.update();
        if (focused && focused !== document.activeElement && popup.getElement().contains(focused)) {
          focused.focus();
        }
      }, function () { delete holder.dataset.state; });
  }

  function nameMarker(marker) {
    var element = marker.getElement && marker.getElement();
    if (!element) { return; }
    var name = plural(labels.point, marker.idea.support_count || 0, { title: marker.idea.title });
    element.setAttribute("aria-label", name);
    var tooltip = marker.getTooltip();
    if (tooltip) { tooltip.setContent(titleText(marker.idea)); }
  }

  function focusPopup(popup) {
    var target = popup.getElement() && popup.getElement().querySelector(".idea-popup a, .idea-popup button");
    if (target) { target.focus(); }
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
      fillOpacity: 0.9,
      className: "idea-point"
    });
    marker.idea = props;
    var byKeyboard = false;
    marker.bindPopup(popupFor(props)).bindTooltip(titleText(props));
    marker.on("popupopen", function (event) {
      openIdea = props.id;
      loadSupport(event.popup);
      if (byKeyboard) { byKeyboard = false; focusPopup(event.popup); }
    });
    marker.on("popupclose", function (event) {
      if (openIdea === props.id) { openIdea = null; }
      // Focus that was in the popup goes back to the marker it belongs to.
      var element = event.popup.getElement();
      var active = document.activeElement;
      if (marker.getElement() && (!active || active === document.body || (element && element.contains(active)))) {
        marker.getElement().focus();
      }
    });
    marker.on("add", function () {
      // SVG markers are not focusable by themselves: a button for the keyboard, with a name.
      var element = marker.getElement();
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", "button");
      element.setAttribute("aria-haspopup", "dialog");
      nameMarker(marker);
      element.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          byKeyboard = true;
          if (marker.isPopupOpen()) { focusPopup(marker.getPopup()); } else { marker.openPopup(); }
        }
      });
    });
    marker.addTo(layer);
    markers[props.id] = marker;
  }

  function drawCluster(feature) {
    var coords = feature.geometry.coordinates;
    var props = feature.properties;
    var count = props.count || 0;
    var size = count < 10 ? 34 : count < 100 ? 42 : count < 1000 ? 50 : 60;
    var label = plural(labels.cluster, count, {});
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
        // Leaflet's markers answer Enter only with a popup: a cluster zooms in by itself.
        element.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            focusNext = true;
            zoomIn();
          }
        });
      }
    });
    function zoomIn() {
      var b = props.bbox;
      if (b && (b[2] - b[0] > 1e-6 || b[3] - b[1] > 1e-6)) {
        map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [24, 24] });
      } else {
        map.setView([coords[1], coords[0]], Math.min(map.getZoom() + 2, map.getMaxZoom()));
      }
    }
    marker.on("click", zoomIn);
    marker.addTo(layer);
  }

  function draw(collection) {
    var kept = openIdea !== null ? markers[openIdea] : null;
    var features = collection.features || [];
    var stillThere = kept && features.some(function (feature) {
      return feature.properties && !feature.properties.cluster && feature.properties.id === openIdea;
    });
    layer.eachLayer(function (item) {
      if (!(stillThere && item === kept)) { layer.removeLayer(item); }
    });
    markers = {};
    var total = 0;
    features.forEach(function (feature) {
      var props = feature.properties || {};
      if (props.cluster) {
        drawCluster(feature);
        total += props.count || 0;
      } else if (stillThere && props.id === openIdea) {
        markers[props.id] = kept;
        total += 1;
      } else {
        drawPoint(feature);
        total += 1;
      }
    });
    say(fill(labels.shown, { count: numbers.format(total) }));
    if (focusNext) {
      focusNext = false;
      var first = frame.querySelector(".leaflet-marker-icon, path.idea-point");
      if (first) { first.focus(); }
    }
  }

  // Escape closes the open popup from inside it too (Leaflet listens only while the map itself
  // has the focus); the focus then goes back to its marker (popupclose above).
  frame.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.closest && event.target.closest(".leaflet-popup")) {
      event.preventDefault();
      map.closePopup();
    }
  });

  // A support given anywhere on the page (popup, or a box elsewhere) renames its marker.
  document.addEventListener("agora:support", function (event) {
    var marker = markers[event.detail.id];
    if (marker) {
      marker.idea.support_count = event.detail.count;
      nameMarker(marker);
    }
  });

  function nearMe() {
    if (!navigator.geolocation) { return; }
    var here = null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary button-small near-me";
    button.textContent = labels.nearMe;
    button.addEventListener("click", function () {
      say(labels.locating);
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        button.disabled = false;
        var point = L.latLng(position.coords.latitude, position.coords.longitude);
        var area = frame.dataset.area ? JSON.parse(frame.dataset.area) : null;
        if (area && !L.latLngBounds(area).contains(point)) { say(labels.locateOutside); return; }
        if (here) { here.setLatLng(point); } else {
          here = L.circleMarker(point, { radius: 7, color: "#1c2321", weight: 3, fillColor: "#f2a900", fillOpacity: 1, interactive: false }).addTo(map);
        }
        map.setView(point, 16);
        say(labels.located);
      }, function () {
        button.disabled = false;
        say(labels.locateRefused);
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
    });
    var tools = document.getElementById("map-tools");
    if (tools) { tools.appendChild(button); }
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = filterParams();
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      load();
    });
    // Wide screens show the filters at once; phones keep them folded under the map's heading.
    var disclosure = form.closest("details");
    if (disclosure && window.matchMedia && window.matchMedia("(min-width: 40rem)").matches) {
      disclosure.open = true;
    }
  }
  if (status) {
    // A control in the top corner: Leaflet stacks its controls, so the count never covers the
    // scale bar or the map credit at the bottom, in either direction.
    var StatusControl = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () { L.DomEvent.disableClickPropagation(status); return status; }
    });
    new StatusControl().addTo(map);
  }
  if (frame.dataset.bounds) {
    try { map.fitBounds(JSON.parse(frame.dataset.bounds)); } catch (ignore) { /* keep the default view */ }
  }
  nearMe();
  map.on("moveend", schedule);
  load();
}());
