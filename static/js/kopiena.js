// Small behaviours of our pages, loaded from this file so the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  // "Copy link" buttons: <button data-copy="input-id" data-copied="Copied." data-status="status-id">.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.copy);
      var status = document.getElementById(button.dataset.status);
      var done = function () { if (status) { status.textContent = button.dataset.copied || ""; } };
      input.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(input.value).then(done); } else { document.execCommand("copy"); done(); }
    });
  });

  // Double-click safety: a form marked data-once disables its button once sent (the server refuses duplicates too).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button");
      if (button) { button.disabled = true; }
    });
  });
})();

// The header menu: a <details> that is open in the markup (so it works without JavaScript); on small
// screens it starts closed, and it opens again when the screen grows wide (its button is hidden there).
(function () {
  "use strict";
  var menu = document.querySelector("details[data-menu]");
  if (!menu || !window.matchMedia) { return; }
  var narrow = window.matchMedia("(max-width: 40rem)");
  var follow = function () { menu.open = !narrow.matches; };
  follow();
  if (narrow.addEventListener) { narrow.addEventListener("change", follow); }
})();
