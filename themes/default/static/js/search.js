/* Site search, the part every page loads (small, on purpose): enables the
   search boxes (they say "Search needs JavaScript" until then), makes `/`
   focus the box, and loads the rest (search-engine.js, from the form's
   data-search-engine) only when search is used: first focus or input in the
   box, the results page (search/?q=), or a page opened with ?highlight=.
   window.verdictSearch.query(text) works at any time: it loads the engine
   first. No inline script, no innerHTML: works under script-src 'self'. */
(function () {
  "use strict";
  if (window.verdictSearch) return; /* included twice */
  var D = document, loading = null;

  function inject(src, ready) {
    return new Promise(function (resolve, reject) {
      var s = D.createElement("script");
      s.src = src;
      s.onload = function () { ready() ? resolve() : reject(new Error(src + " registered nothing")); };
      s.onerror = function () { reject(new Error("could not load " + src)); };
      D.head.appendChild(s);
    });
  }
  /* The engine and the tokenizer, side by side (one round of requests). */
  function load() {
    if (loading) return loading;
    var form = D.querySelector("[data-search-engine]");
    if (!form) return Promise.reject(new Error("no search form on this page"));
    var text = form.getAttribute("data-search-text");
    var dir = form.getAttribute("data-search-dir");
    /* The directory too, in the same round: it registers through the stub
       below (or the engine, if that ran first); the engine takes it from
       window.verdictSearchBoot. */
    var boot = window.verdictSearchBoot = window.verdictSearchBoot || { dir: null, dirLoad: null };
    if (dir && !boot.dirLoad) boot.dirLoad = inject(dir, function () { return true; }).catch(function () {});
    loading = Promise.all([
      inject(form.getAttribute("data-search-engine"), function () { return !!window.verdictSearch.engine; }),
      window.verdictSearchText || !text ? Promise.resolve() : inject(text, function () { return !!window.verdictSearchText; })
    ]);
    loading.catch(function () { loading = null; });
    return loading;
  }
  function later(name) {
    return function () {
      var args = arguments;
      return load().then(function () { return window.verdictSearch[name].apply(null, args); });
    };
  }
  /* Replaced by the engine's own object when it loads. */
  window.verdictSearch = {
    query: later("query"),
    clearCache: later("clearCache"),
    dir: function (d) { (window.verdictSearchBoot = window.verdictSearchBoot || {}).dir = d; }
  };

  function focusKey(e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || (t.closest && t.closest("input,textarea,select,[contenteditable]")))) return;
    var input = D.querySelector("form[data-search-page] input[name=q]:not([disabled])") ||
      D.querySelector("form[data-search-engine] input[name=q]:not([disabled])");
    if (!input) return;
    e.preventDefault();
    input.focus();
    input.select();
  }

  function init() {
    var forms = D.querySelectorAll("form[data-search-engine]");
    Array.prototype.forEach.call(forms, function (form) {
      var input = form.querySelector("input[name=q]");
      if (!input) return;
      input.disabled = false;
      input.placeholder = input.getAttribute("data-placeholder") || "Search";
      var start = function () { load().catch(function () {}); };
      input.addEventListener("focus", start);
      input.addEventListener("input", start);
    });
    if (!forms.length) return;
    D.addEventListener("keydown", focusKey);
    var q = new URLSearchParams(location.search);
    if (D.querySelector("[data-search-results]") || q.get("highlight")) load().catch(function () {});
  }
  if (D.readyState === "loading") D.addEventListener("DOMContentLoaded", init);
  else init();
})();
