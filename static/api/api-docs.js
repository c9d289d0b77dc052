// Renders the routes, parameters and answers of the OpenAPI document as plain HTML.
(function () {
  "use strict";
  var target = document.getElementById("routes");
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  fetch("../../api/v1/openapi.json").then(function (r) { return r.json(); }).then(function (doc) {
    target.textContent = "";
    Object.keys(doc.paths).forEach(function (path) {
      var op = doc.paths[path].get;
      var section = el("section");
      section.className = "route";
      var heading = el("h2");
      heading.appendChild(el("code", "GET " + doc.servers[0].url.replace(/^https?:\/\/[^/]+/, "") + path));
      section.appendChild(heading);
      section.appendChild(el("p", op.summary));
      if (op.parameters && op.parameters.length) {
        var table = el("table");
        var head = el("tr");
        ["Parameter", "In", "Type", "Meaning"].forEach(function (t) { var th = el("th", t); th.scope = "col"; head.appendChild(th); });
        table.appendChild(head);
        op.parameters.forEach(function (p) {
          var row = el("tr");
          var schema = p.schema || {};
          var type = schema.enum ? schema.enum.join(" | ") : (schema.type || "");
          if (schema.maximum !== undefined) { type += " (" + schema.minimum + "–" + schema.maximum + ")"; }
          [p.name + (p.required ? " *" : ""), p.in, type, p.description || ""].forEach(function (t) { row.appendChild(el("td", t)); });
          table.appendChild(row);
        });
        section.appendChild(table);
      }
      var answers = el("ul");
      Object.keys(op.responses).forEach(function (code) { answers.appendChild(el("li", code + ": " + op.responses[code].description)); });
      section.appendChild(answers);
      target.appendChild(section);
    });
  });
})();
