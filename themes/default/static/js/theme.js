/* Light/dark theme: follows the system unless the reader chose with the
   toggle; the choice is remembered in localStorage (when the browser allows
   it, which file:// pages may not). Runs in <head> so the saved theme applies
   before the first paint. Classic script: works from file:// too. */
(function () {
  "use strict";
  var KEY = "verdict-theme";
  var root = document.documentElement;

  function saved() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function save(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* private mode or file:// */ }
  }
  function systemDark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function current() {
    var t = root.getAttribute("data-theme");
    if (t === "dark" || t === "light") return t;
    return systemDark() ? "dark" : "light";
  }

  /* Code colours come in one stylesheet per mode, selected by their media
     attribute; a chosen mode overrides the system's. */
  function applyHighlight(mode) {
    var links = document.querySelectorAll("link[data-highlight]");
    Array.prototype.forEach.call(links, function (link) {
      link.media = link.getAttribute("data-highlight") === mode ? "all" : "not all";
    });
  }
  function apply(mode) {
    root.setAttribute("data-theme", mode);
    applyHighlight(mode);
  }

  var initial = saved();
  if (initial === "dark" || initial === "light") apply(initial);

  function label(button) {
    var dark = current() === "dark";
    button.textContent = dark ? "Light mode" : "Dark mode";
    button.setAttribute("aria-pressed", dark ? "true" : "false");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-theme-toggle]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      label(button);
      button.addEventListener("click", function () {
        var next = current() === "dark" ? "light" : "dark";
        apply(next);
        save(next);
        Array.prototype.forEach.call(buttons, label);
      });
    });
  });
})();
