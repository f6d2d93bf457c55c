// The review conversation: after a message was sent, clear the input and show the newest reply.
// (Behaviour lives here, not in hx-on attributes: the Content-Security-Policy allows no eval.)
(function () {
  "use strict";
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.target;
    if (!form || form.id !== "say" || !e.detail.successful) return;
    form.reset();
    var chat = document.getElementById("chat");
    if (chat) chat.scrollTop = chat.scrollHeight;
  });
})();
