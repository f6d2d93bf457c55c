// The review workspace: evidence boxes follow the field in focus; keyboard shortcuts a / h / n with a
// confirmation dialog; the version the reviewer saw follows every update of the panel.
(function () {
  "use strict";

  function boxFor(el) {
    var holder = el && el.closest ? el.closest("[data-box]") : null;
    return holder ? document.getElementById(holder.getAttribute("data-box")) : null;
  }

  // boxes and page shapes are placed from data attributes (no inline style: a strict CSP allows this)
  function place(root) {
    root.querySelectorAll("[data-place]").forEach(function (el) {
      var v = el.getAttribute("data-place").split(" ");
      el.style.left = v[0] + "%"; el.style.top = v[1] + "%"; el.style.width = v[2] + "%"; el.style.height = v[3] + "%";
    });
    root.querySelectorAll("figure.page[data-ratio]").forEach(function (el) {
      el.style.aspectRatio = el.getAttribute("data-ratio");
    });
  }
  place(document);

  var active = null;
  function show(box) {
    if (active === box) return;
    if (active) active.classList.remove("active");
    active = box;
    if (!box) return;
    box.classList.add("active");
    var pane = box.closest(".document");
    if (pane) {
      var r = box.getBoundingClientRect(), p = pane.getBoundingClientRect();
      var visible = r.top >= p.top && r.bottom <= p.bottom;
      if (!visible) box.scrollIntoView({ block: "center", inline: "nearest" });
    } else {
      box.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  document.addEventListener("focusin", function (e) { var b = boxFor(e.target); if (b) show(b); });
  document.addEventListener("mouseover", function (e) { var b = boxFor(e.target); if (b) show(b); });
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button.evidence") : null;
    if (button) { e.preventDefault(); show(document.getElementById(button.getAttribute("data-box"))); }
  });

  function syncVersion() {
    var seen = document.getElementById("seen_version");
    if (!seen) return;
    document.querySelectorAll("input.seen-version").forEach(function (i) { i.value = seen.value; });
  }

  document.addEventListener("htmx:afterSwap", syncVersion);
  document.addEventListener("htmx:oobAfterSwap", syncVersion);
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt;
    if (form && form.id === "say" && e.detail.successful) {
      form.reset();
      syncVersion();
      var chat = document.getElementById("chat");
      if (chat) chat.scrollTop = chat.scrollHeight;
    }
  });

  // keyboard: a = the proposal's own decision, h = hold, n = next, / = the message box
  var dialog = document.getElementById("shortcut-dialog");
  var pending = null;

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function ask(form) {
    if (!dialog || typeof dialog.showModal !== "function") return;
    pending = form;
    document.getElementById("shortcut-title").textContent = "Confirm: " + form.getAttribute("data-label");
    var list = document.getElementById("shortcut-summary");
    list.textContent = "";
    var lines = [];
    try { lines = JSON.parse(form.getAttribute("data-summary") || "[]"); } catch (err) { lines = []; }
    lines.forEach(function (line) { var li = document.createElement("li"); li.textContent = line; list.appendChild(li); });
    var needsReason = form.hasAttribute("data-needs-reason");
    var row = document.getElementById("shortcut-reason-row");
    var reason = document.getElementById("shortcut-reason");
    row.hidden = !needsReason;
    reason.required = needsReason;
    reason.value = "";
    dialog.returnValue = "";
    dialog.showModal();
    (needsReason ? reason : document.getElementById("shortcut-confirm")).focus();
  }

  if (dialog) {
    dialog.addEventListener("close", function () {
      var form = pending;
      pending = null;
      if (!form || dialog.returnValue !== "confirm") return;
      var reasonInput = form.querySelector("input[name=reason]");
      if (reasonInput) reasonInput.value = document.getElementById("shortcut-reason").value;
      form.querySelector("input[name=confirmed]").value = "1";
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
    if (dialog && dialog.open) return;
    var key = e.key;
    if (key === "n") {
      var next = document.getElementById("next-link");
      if (next) { e.preventDefault(); next.click(); }
    } else if (key === "/") {
      var message = document.getElementById("message");
      if (message) { e.preventDefault(); message.focus(); }
    } else if (key === "a" || key === "h") {
      var form = document.querySelector('form[data-shortcut="' + key + '"]');
      if (form) { e.preventDefault(); ask(form); }
    }
  });
})();
