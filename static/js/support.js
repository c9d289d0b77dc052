/* Support buttons without a page reload: posts the form with fetch, updates the button and the
   count in place and announces the result in the polite live region. Without this script the
   form posts normally and the server redirects back. Delegated, so forms added later (map
   popups) work too. The translated sentences come from the script tag's data-messages. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (window.agoraSupport || !window.fetch || !window.FormData) {
    return;
  }
  window.agoraSupport = true;
  var messages = {};
  try {
    messages = JSON.parse((script && script.dataset.messages) || "{}");
  } catch (error) {
    messages = {};
  }
  // Latin digits, as the server writes them (Babel's default for Arabic too).
  var numbers = new Intl.NumberFormat((document.documentElement.lang || "fr") + "-u-nu-latn");

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? numbers.format(values[name]) : match;
    });
  }

  function announce(box, text) {
    var status = box.querySelector("[data-support-status]");
    if (!status) {
      return;
    }
    // Clearing first makes screen readers repeat an identical message.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function sentence(data) {
    if (data.supported) {
      return fill(data.changed ? messages.counted : messages.already, data);
    }
    return fill(data.changed ? messages.withdrawn : messages.absent, data);
  }

  function update(box, form, data) {
    var button = form.querySelector("button");
    var label = form.querySelector("[data-support-label]");
    var count = box.querySelector("[data-support-count]");
    var mine = box.querySelector("[data-support-mine]");
    form.action = data.supported ? form.dataset.unvoteUrl : form.dataset.voteUrl;
    if (label) {
      label.textContent = data.supported ? button.dataset.labelUnvote : button.dataset.labelVote;
    }
    button.classList.toggle("button-secondary", data.supported);
    if (count) {
      count.textContent = numbers.format(data.count);
    }
    // One count per page: every other place showing this idea's supports says the same.
    var idea = box.getAttribute("data-idea-id");
    if (idea) {
      document.querySelectorAll("[data-support-count-of=\"" + idea + "\"]").forEach(function (node) {
        node.textContent = numbers.format(data.count);
      });
      document.dispatchEvent(new CustomEvent("agora:support", {
        detail: { id: Number(idea), count: data.count, supported: data.supported }
      }));
    }
    if (mine) {
      mine.textContent = data.supported ? mine.dataset.text : "";
    }
    if (data.left !== null && data.left !== undefined && messages.left) {
      document.querySelectorAll("[data-support-left]").forEach(function (node) {
        node.textContent = fill(messages.left, data);
      });
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-support-form]")) {
      return;
    }
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") {
      return;
    }
    var box = form.closest("[data-support]") || form.parentNode;
    var button = form.querySelector("button");
    var body = new FormData(form);
    form.setAttribute("aria-busy", "true");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": body.get("csrf_token") || "" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok) {
          update(box, form, data);
          announce(box, sentence(data));
        } else if (response.status === 401) {
          window.location.href = form.dataset.loginUrl + "?next=" + encodeURIComponent(window.location.pathname);
        } else {
          announce(box, data.message || messages.failed || "");
        }
      });
    }).catch(function () {
      // Offline or the server did not answer: fall back to the plain form post.
      form.submit();
    }).then(function () {
      form.removeAttribute("aria-busy");
      button.disabled = false;
      button.focus();
    });
  });
})();
