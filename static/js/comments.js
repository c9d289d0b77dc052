// Posting and replying in place: the plain forms work without this script; with it the new
// comment (rendered and escaped by the server) joins the list and the live region says so.
(function () {
  "use strict";
  var live = document.querySelector("[data-comment-live]");
  var list = document.querySelector("[data-comment-list]");
  if (!live || !list) { return; }

  function announce(text) {
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function place(data) {
    var target = data.parent_id
      ? document.querySelector('[data-replies-of="' + data.parent_id + '"]')
      : list;
    if (!target) { return; }
    var count = data.parent_id && document.querySelector('[data-reply-count-of="' + data.parent_id + '"]');
    if (count && data.replies) {
      count.textContent = data.replies;
      count.hidden = false;
    }
    var holder = document.createElement("template");
    holder.innerHTML = data.html;
    var item = holder.content.firstElementChild;
    if (!data.parent_id && list.dataset.sort === "newest") {
      target.insertBefore(holder.content, target.firstChild);
    } else {
      target.appendChild(holder.content);
    }
    return item;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-comment-form]")) { return; }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) { announce(result.data.message); return; }
      place(result.data);
      form.reset();
      var details = form.closest("details");
      if (details) { details.open = false; }
      announce(result.data.message);
    }).catch(function () {
      form.submit();  // the network or the script failed: the plain form still works
    }).finally(function () {
      if (button) { button.disabled = false; }
    });
  });
})();
