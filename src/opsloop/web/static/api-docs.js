// Swagger UI for /api/docs, from the assets served under /static/swagger-ui (no CDN: works offline).
// The spec's address comes from the page (data-spec-url), so no inline script is needed.
window.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: holder.dataset.specUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
