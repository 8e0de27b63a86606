// Small improvements over pages that work without JavaScript. Loaded as a file, never
// inline, so the Content-Security-Policy needs no exception.
(function () {
  "use strict";

  // Dropdown menus (<details class="account-menu">) close on Escape and on a click
  // elsewhere, as people expect of a menu; without JavaScript they close on their button.
  var dropdowns = document.querySelectorAll("details.account-menu");

  document.addEventListener("click", function (event) {
    dropdowns.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    dropdowns.forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });
})();
