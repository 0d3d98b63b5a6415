/* Site search in the browser (docs/search.md), loaded by search.js when a
   reader first uses search: reads the split index, ranks, draws the results
   list, the results page and ?highlight= marks. A classic script, no
   dependencies: index files are classic scripts too, loaded with <script src>
   and registering through window.verdictSearch, so search works from file://
   and under script-src 'self'. The tokenizer (search-text.js, which defines
   window.verdictSearchText) is loaded the same way, from the form's
   data-search-text. Everything shown is built with createElement and
   textContent, never innerHTML. */
(function () {
  "use strict";
  if (window.verdictSearch && window.verdictSearch.engine) return; /* loaded twice */
  var D = document;
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIG = new Int8Array(128).fill(-1);
  for (var b = 0; b < 64; b++) DIG[B64.charCodeAt(b)] = b;
  var KIND = { exact: 1, stem: 0.7, prefix: 0.5, typo: 0.3 };
  var SEC = 1048576; /* a section's key: page * SEC + section */
  var MAX_WORDS = 10, MAX_PREFIX_KEYS = 64, MAX_PREFIX_SHARDS = 4, TYPO_SHARDS = 4;
  var EXCERPT_WORDS = 30;
  var RUN = /[\p{L}\p{N}\p{M}]+(?:\+\+|#)?/gu; /* a run of letters and digits, C++ and C# whole */

  var idx = { dir: null, base: null, root: "", shards: [], text: [], answers: null };
  var answersLoad = Promise.resolve();
  var loads = {}, dirLoad = null, wordCache = new Map();

  function tx() { return window.verdictSearchText; }
  function tokens(s) { return tx().tokenize(String(s || "")); }
  function stem(t) { return tx().stem(t); }
  function el(tag, cls, text) {
    var e = D.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function len(s) { return Array.from(s).length; }
  /* A URL from the index, relative to the site root; anything with a scheme is refused. */
  function siteHref(url) {
    url = String(url || "");
    return /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url) ? null : idx.root + url;
  }

  /* ---- loading ---- */
  function config() {
    var f = D.querySelector("[data-search-dir]");
    if (!f) return null;
    return { root: f.getAttribute("data-search-root") || "", dir: f.getAttribute("data-search-dir"), text: f.getAttribute("data-search-text") };
  }
  function ensureText() {
    if (tx()) return Promise.resolve();
    var c = config();
    if (!c || !c.text) return Promise.reject(new Error("no tokenizer"));
    return script(new URL(c.text, location.href).href, tx);
  }
  function script(url, check) {
    if (loads[url]) return loads[url];
    loads[url] = new Promise(function (resolve, reject) {
      var s = D.createElement("script");
      s.src = url;
      s.onload = function () { s.remove(); check() ? resolve() : reject(new Error(url + " registered nothing")); };
      s.onerror = function () { s.remove(); delete loads[url]; reject(new Error("could not load " + url)); };
      D.head.appendChild(s);
    });
    return loads[url];
  }
  function ensureDir() {
    if (dirLoad) return dirLoad;
    var c = config();
    if (!c || !c.dir) return Promise.reject(new Error("search is not set up on this page"));
    idx.root = c.root;
    idx.base = new URL(c.dir, location.href);
    /* The loader (search.js) may have fetched the directory already, or be
       fetching it: take it from there rather than asking twice. */
    var boot = window.verdictSearchBoot || {};
    function own() {
      if (!idx.dir && boot.dir) idx.dir = boot.dir;
      return idx.dir ? Promise.resolve() : script(idx.base.href, function () { return !!idx.dir; });
    }
    var dirFile = !idx.dir && !boot.dir && boot.dirLoad ? boot.dirLoad.then(own) : own();
    dirLoad = Promise.all([ensureText(), dirFile]).then(function () {
      if (idx.dir.v !== 1) throw new Error("unknown search index version " + idx.dir.v);
      /* The answers load beside the first query's term shards, not before. */
      answersLoad = !idx.dir.answers ? Promise.resolve() :
        script(new URL(idx.dir.answers, idx.base).href, function () { return !!idx.answers; })
          .catch(function () { idx.answers = []; });
    });
    dirLoad.catch(function () { dirLoad = null; });
    return dirLoad;
  }
  function loadShard(i) {
    if (idx.shards[i]) return Promise.resolve();
    /* Term shards are t<i>.js, under one tag as the text shards are. */
    var name = "t" + i + ".js?v=" + encodeURIComponent(idx.dir.terms.tag);
    return script(new URL(name, idx.base).href, function () { return !!idx.shards[i]; });
  }
  function loadText(i) {
    if (idx.text[i]) return Promise.resolve();
    /* Text shards are x<i>.js; the build's tag for them changes whenever any
       of them does, so no browser keeps a stale one. */
    var name = "x" + i + ".js?v=" + encodeURIComponent(idx.dir.text.tag);
    return script(new URL(name, idx.base).href, function () { return !!idx.text[i]; });
  }

  /* ---- postings ---- */
  /* A list cut by the build to its strongest postings starts with "~" and
     the number of sections the term is really in (its df). */
  function decode(s) {
    var cut = s.charAt(0) === "~", max = (s.length / 3) | 0, n = 0, i = cut ? 1 : 0, page = 0, df = 0;
    var p = new Int32Array(max), sec = new Int32Array(max), w = new Float32Array(max);
    function varint() {
      var v = 0, mul = 1, d;
      do {
        d = DIG[s.charCodeAt(i++)];
        if (!(d >= 0)) throw new Error("bad postings");
        v += (d & 31) * mul;
        mul *= 32;
      } while (d & 32);
      return v;
    }
    if (cut) df = varint();
    while (i < s.length) {
      page += varint();
      p[n] = page;
      sec[n] = varint();
      w[n] = DIG[s.charCodeAt(i++)] / 6.8;
      n++;
    }
    return { n: n, p: p, s: sec, w: w, cut: cut, df: cut ? df : n };
  }
  /* Two decoded lists as one: every section once, with its stronger weight. */
  function union(a, b) {
    var max = a.n + b.n, p = new Int32Array(max), sec = new Int32Array(max), w = new Float32Array(max);
    var i = 0, j = 0, n = 0;
    while (i < a.n || j < b.n) {
      var d = i >= a.n ? 1 : j >= b.n ? -1 : (a.p[i] - b.p[j]) || (a.s[i] - b.s[j]);
      if (d <= 0) { p[n] = a.p[i]; sec[n] = a.s[i]; w[n] = d ? a.w[i] : Math.max(a.w[i], b.w[j++]); i++; }
      else { p[n] = b.p[j]; sec[n] = b.s[j]; w[n] = b.w[j++]; }
      n++;
    }
    return { n: n, p: p.subarray(0, n), s: sec.subarray(0, n), w: w.subarray(0, n), cut: a.cut || b.cut,
      df: a.cut || b.cut ? Math.max(n, a.df, b.df) : n };
  }
  /* Decoded postings of key number k of shard sh; useStem: its stem postings,
     which "=0.1" makes the union of the exact postings of keys at those
     offsets in the shard. */
  function postings(sh, k, useStem) {
    var c = useStem && sh.stem[k] ? 1 : 0;
    var str = c ? sh.stem[k] : sh.exact[k];
    if (!str) return null;
    var slot = k * 2 + c;
    if (sh.cache[slot]) return sh.cache[slot];
    var list = null;
    if (str.charAt(0) === "=") {
      str.slice(1).split(".").forEach(function (off) {
        var l = postings(sh, k + Number(off), false);
        if (l) list = list ? union(list, l) : l;
      });
    } else list = decode(str);
    return (sh.cache[slot] = list);
  }
  /* A term shard: entries "<shared prefix digit><rest of key> <exact> <stem>"
     separated by ",", keys front-coded against the previous one. */
  function shard(body) {
    var keys = [], exact = [], stem = [], prev = "";
    (body ? body.split(",") : []).forEach(function (e) {
      var a = e.indexOf(" ", 1), b = e.indexOf(" ", a + 1);
      prev = prev.slice(0, DIG[e.charCodeAt(0)]) + e.slice(1, a);
      keys.push(prev);
      exact.push(e.slice(a + 1, b));
      stem.push(e.slice(b + 1));
    });
    return { keys: keys, exact: exact, stem: stem, cache: [] };
  }

  /* ---- keys ---- */
  function shardOf(key) {
    var t = idx.dir.terms.first, lo = 0, hi = t.length - 1, r = -1;
    while (lo <= hi) {
      var m = (lo + hi) >> 1;
      if (t[m] <= key) { r = m; lo = m + 1; } else hi = m - 1;
    }
    return r;
  }
  function lower(keys, key) {
    var lo = 0, hi = keys.length;
    while (lo < hi) { var m = (lo + hi) >> 1; if (keys[m] < key) lo = m + 1; else hi = m; }
    return lo;
  }
  function find(key) {
    var i = shardOf(key), sh = idx.shards[i];
    if (!sh) return null;
    var k = lower(sh.keys, key);
    return sh.keys[k] === key ? { sh: sh, k: k } : null;
  }
  function shardRange(lo, hi) {
    var a = shardOf(lo), z = shardOf(hi), out = [];
    for (var i = Math.max(a, 0); i <= z; i++) out.push(i);
    return out;
  }
  function within1(a, b) {
    var m = a.length, n = b.length;
    if (Math.abs(m - n) > 1) return false;
    var i = 0;
    while (i < m && i < n && a[i] === b[i]) i++;
    if (m === n) return a.slice(i + 1) === b.slice(i + 1);
    return m > n ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* ---- scoring one word: sorted section keys with the word's best score ---- */
  function idf(df) {
    var N = idx.dir.sections;
    return Math.log(1 + (N - df + 0.5) / (df + 0.5));
  }
  function scored(list, kind) {
    var df = list.df || list.n;
    var k = new Float64Array(list.n), v = new Float32Array(list.n), f = idf(df) * kind;
    for (var i = 0; i < list.n; i++) { k[i] = list.p[i] * SEC + list.s[i]; v[i] = list.w[i] * f; }
    return { k: k, v: v };
  }
  function mergeMax(a, b) {
    var k = new Float64Array(a.k.length + b.k.length), v = new Float32Array(k.length);
    var i = 0, j = 0, n = 0;
    while (i < a.k.length || j < b.k.length) {
      if (j >= b.k.length || (i < a.k.length && a.k[i] < b.k[j])) { k[n] = a.k[i]; v[n++] = a.v[i++]; }
      else if (i >= a.k.length || b.k[j] < a.k[i]) { k[n] = b.k[j]; v[n++] = b.v[j++]; }
      else { k[n] = a.k[i]; v[n++] = Math.max(a.v[i++], b.v[j++]); }
    }
    return { k: k.subarray(0, n), v: v.subarray(0, n) };
  }
  function mergeAll(lists) {
    while (lists.length > 1) {
      var next = [];
      for (var i = 0; i < lists.length; i += 2) next.push(i + 1 < lists.length ? mergeMax(lists[i], lists[i + 1]) : lists[i]);
      lists = next;
    }
    return lists[0] || { k: new Float64Array(0), v: new Float32Array(0) };
  }

  /* Looks one query word up: {scores, hits: [{key, kind}]}. */
  function word(w, prefix) {
    var ck = w + (prefix ? "\u0001" : "\u0000");
    if (wordCache.has(ck)) return Promise.resolve(wordCache.get(ck));
    var st = stem(w), hiKey = w + "\uffff";
    var need = [shardOf(w), shardOf(st)];
    var pre = prefix ? shardRange(w, hiKey) : [];
    if (pre.length > MAX_PREFIX_SHARDS) pre = [];
    return Promise.all(need.concat(pre).filter(function (i) { return i >= 0; }).map(loadShard)).then(function () {
      var lists = [], hits = [], f;
      if ((f = find(w)) && f.sh.exact[f.k]) { lists.push(scored(postings(f.sh, f.k, false), KIND.exact)); hits.push({ key: w, kind: "exact" }); }
      if ((f = find(st)) && postings(f.sh, f.k, true)) { lists.push(scored(postings(f.sh, f.k, true), KIND.stem)); hits.push({ key: st, kind: "stem" }); }
      addPrefixes(pre, w, hiKey, lists, hits);
      if (lists.length) return { lists: lists, hits: hits };
      /* A word of 4+ letters found nowhere, even before the last one, may
         still be half typed (or cut short): try it as a prefix too. */
      var more = !prefix && len(w) >= 4 ? shardRange(w, hiKey) : [];
      if (more.length > MAX_PREFIX_SHARDS) more = [];
      return Promise.all(more.map(loadShard)).then(function () {
        addPrefixes(more, w, hiKey, lists, hits);
        if (lists.length || len(w) < 5) return { lists: lists, hits: hits };
        return typosFor(w, lists, hits);
      });
    }).then(function (r) {
      var res = { scores: mergeAll(r.lists), hits: r.hits };
      if (wordCache.size > 200) wordCache.clear();
      wordCache.set(ck, res);
      return res;
    });
  }
  /* Keys in the shards `which` that start with w (not w itself), the most
     frequent first, as prefix matches. */
  function addPrefixes(which, w, hiKey, lists, hits) {
    var cands = [];
    which.forEach(function (i) {
      var sh = idx.shards[i];
      if (!sh) return;
      for (var k = lower(sh.keys, w); k < sh.keys.length && sh.keys[k] < hiKey; k++) {
        if (sh.keys[k] !== w && sh.exact[k]) cands.push({ sh: sh, k: k });
      }
    });
    cands.sort(function (a, b) { return b.sh.exact[b.k].length - a.sh.exact[a.k].length; });
    cands.slice(0, MAX_PREFIX_KEYS).forEach(function (c) {
      lists.push(scored(postings(c.sh, c.k, false), KIND.prefix));
      hits.push({ key: c.sh.keys[c.k], kind: "prefix" });
    });
  }
  function typosFor(w, lists, hits) {
    return typos(w).then(function (found) {
      found.forEach(function (c) {
        var l = postings(c.sh, c.k, !c.sh.exact[c.k]);
        if (l) { lists.push(scored(l, KIND.typo)); hits.push({ key: c.sh.keys[c.k], kind: "typo" }); }
      });
      return { lists: lists, hits: hits };
    });
  }
  /* Keys one edit away from w, in the shards covering w's first letter: those
     loaded, plus at most TYPO_SHARDS more, nearest to w's own shard first. */
  function typos(w) {
    var first = Array.from(w)[0], hi = first + "\uffff", home = shardOf(w);
    var range = shardRange(first, hi);
    var missing = range.filter(function (i) { return !idx.shards[i]; })
      .sort(function (a, b) { return Math.abs(a - home) - Math.abs(b - home) || a - b; })
      .slice(0, TYPO_SHARDS);
    return Promise.all(missing.map(loadShard)).then(function () {
      var out = [];
      range.forEach(function (i) {
        var sh = idx.shards[i];
        if (!sh) return;
        for (var k = lower(sh.keys, first); k < sh.keys.length && sh.keys[k] < hi; k++) {
          if (sh.keys[k] !== w && within1(w, sh.keys[k])) out.push({ sh: sh, k: k });
        }
      });
      return out;
    });
  }

  /* ---- a query ---- */
  function parse(text) {
    text = String(text || "");
    var all = tokens(text), seen = Object.create(null), words = [];
    var open = text.length && !/\s$/.test(text);
    var lastPiece = open ? text.split(/\s+/).pop() : "";
    var tail = open ? tokens(lastPiece).length : 0;
    all.forEach(function (t, i) {
      var pre = i >= all.length - tail;
      if (seen[t] !== undefined) { words[seen[t]].prefix = words[seen[t]].prefix || pre; return; }
      if (words.length >= MAX_WORDS) return;
      seen[t] = words.length;
      words.push({ w: t, prefix: pre });
    });
    return words;
  }
  function normTitle(s) { return tokens(s).join(" "); }

  function query(text, opts) {
    var limit = (opts && opts.limit) || 10, words;
    return ensureDir().then(function () {
      words = parse(text);
      if (!words.length) return finish([], 0, [], words);
      var lookups = words.map(function (q) { return word(q.w, q.prefix); });
      return Promise.all(lookups.concat([answersLoad])).then(function (found) {
        found = found.slice(0, words.length);
        var top = rank(found, limit);
        var texts = Object.create(null);
        top.list.forEach(function (r) { texts[Math.floor(r.page / idx.dir.per)] = 1; });
        return Promise.all(Object.keys(texts).map(function (i) { return loadText(+i); })).then(function () {
          return finish(describe(top.list, words, found, text), top.total, answersFor(words), words);
        });
      });
    });
  }
  function finish(results, total, answers, words) {
    return { results: results, total: total, answers: answers, words: words.map(function (q) { return q.w; }) };
  }

  /* Sums the words' scores per section, groups by page, keeps the best `limit`. */
  function rank(found, limit) {
    var nw = found.length, full = (1 << nw) - 1, pos = new Int32Array(nw), top = [], total = 0;
    var cur = -1, best = 0, sum = 0, bestSec = 0, mask = 0;
    function better(a, b) { return a.all !== b.all ? a.all : a.score !== b.score ? a.score > b.score : a.page < b.page; }
    function flush() {
      if (cur < 0) return;
      total++;
      var score = best + 0.25 * (sum - best), all = mask === full, last = top[limit - 1];
      if (top.length === limit && (last.all !== all ? last.all : last.score >= score)) return;
      var r = { page: cur, score: score, section: bestSec, all: all };
      var i = top.length === limit ? limit - 1 : top.length;
      while (i > 0 && better(r, top[i - 1])) { top[i] = top[i - 1]; i--; }
      top[i] = r;
    }
    for (;;) {
      var key = Infinity;
      for (var w = 0; w < nw; w++) if (pos[w] < found[w].scores.k.length && found[w].scores.k[pos[w]] < key) key = found[w].scores.k[pos[w]];
      if (key === Infinity) break;
      var s = 0, m = 0;
      for (w = 0; w < nw; w++) {
        var sc = found[w].scores;
        if (pos[w] < sc.k.length && sc.k[pos[w]] === key) { s += sc.v[pos[w]]; m |= 1 << w; pos[w]++; }
      }
      var page = Math.floor(key / SEC);
      if (page !== cur) { flush(); cur = page; best = 0; sum = 0; mask = 0; }
      sum += s; mask |= m;
      if (s > best) { best = s; bestSec = key - page * SEC; }
    }
    flush();
    return { list: top, total: total };
  }

  /* A matcher for the tokens of shown text: the query words (and their stems),
     the keys the index matched for them (prefix completions, typos). */
  function matcher(words, found) {
    var exact = new Set(), stems = new Set(), needles = new Set(), prefixes = [];
    words.forEach(function (q, i) {
      exact.add(q.w); stems.add(stem(q.w));
      needles.add(q.w.slice(0, 3)); needles.add(stem(q.w).slice(0, 3));
      if (q.prefix) prefixes.push(q.w);
      (found ? found[i].hits : []).forEach(function (h) {
        if (h.kind === "typo") { exact.add(h.key); needles.add(h.key.slice(0, 3)); }
      });
    });
    function test(t) {
      if (exact.has(t) || stems.has(stem(t))) return true;
      for (var i = 0; i < prefixes.length; i++) if (t.lastIndexOf(prefixes[i], 0) === 0) return true;
      return false;
    }
    return {
      test: test,
      /* Whether t matches a query word itself or by stem (not as a prefix or typo). */
      plainHit: function (t) { return words.some(function (q) { return q.w === t || stem(q.w) === stem(t); }); },
      /* The tokens of `s` that match, or null (a cheap substring check first). */
      match: function (s) {
        if (/^[\x00-\x7f]*$/.test(s)) {
          var l = s.toLowerCase(), any = false;
          needles.forEach(function (n) { if (!any && l.indexOf(n) >= 0) any = true; });
          if (!any) return null;
        }
        var hit = tokens(s).filter(test);
        return hit.length ? hit : null;
      }
    };
  }

  /* Splits `text` into [[string, marked]] parts: whole text, or EXCERPT_WORDS
     words around the densest run of matches. `seen` collects matched tokens. */
  function marked(text, m, window, seen) {
    var re = /\S+/g, words = [], r, hits = [];
    while ((r = re.exec(text))) {
      var hit = m.match(r[0]);
      if (hit) { hits.push(words.length); if (seen) hit.forEach(function (t) { seen.add(t); }); }
      words.push({ s: r.index, e: r.index + r[0].length, hit: !!hit });
    }
    var from = 0, to = words.length;
    if (window && words.length > window) {
      var bestAt = 0, bestN = 0;
      for (var i = 0, j = 0; i < hits.length; i++) {
        while (hits[j] < hits[i] - window + 1) j++;
        if (i - j + 1 > bestN) { bestN = i - j + 1; bestAt = hits[j]; }
      }
      from = Math.max(0, Math.min(bestAt - 4, words.length - window));
      to = from + window;
    }
    var parts = [];
    if (from > 0) parts.push(["… ", false]);
    var at = from < words.length ? words[from].s : 0;
    for (var k = from; k < to; k++) {
      var wd = words[k];
      if (!wd.hit) continue;
      /* Mark the runs of letters and digits in the word that match. */
      var rr, run = new RegExp(RUN.source, "gu"), str = text.slice(wd.s, wd.e);
      while ((rr = run.exec(str))) {
        if (!m.match(rr[0])) continue;
        var cs = wd.s + rr.index, ce = cs + rr[0].length;
        if (cs > at) parts.push([text.slice(at, cs), false]);
        parts.push([text.slice(cs, ce), true]);
        at = ce;
      }
    }
    var end = to > 0 && words.length ? words[to - 1].e : text.length;
    if (end > at) parts.push([text.slice(at, end), false]);
    if (to < words.length) parts.push([" …", false]);
    return parts;
  }
  function plain(parts) { return parts.map(function (p) { return p[0]; }).join(""); }

  function describe(top, words, found, text) {
    var m = matcher(words, found), qt = normTitle(text);
    var out = top.map(function (r) {
      var per = idx.dir.per, pg = (idx.text[Math.floor(r.page / per)] || [])[r.page % per];
      if (!pg) return null;
      var sec = pg[2][r.section] || ["", "", ""], seen = new Set();
      var ex = marked(sec[2] || "", m, EXCERPT_WORDS, seen);
      var title = marked(pg[1], m, 0, seen);
      if (!ex.length && pg[2][0]) ex = marked(pg[2][0][2], m, EXCERPT_WORDS, seen);
      /* Highlight on arrival: the query words, plus completions and typo
         keys actually found in the text shown. */
      var terms = new Set();
      words.forEach(function (q, i) {
        if (found[i].hits.some(function (h) { return h.kind === "exact" || h.kind === "stem"; })) terms.add(q.w);
      });
      seen.forEach(function (t) { if (/^[\p{L}\p{N}]+$/u.test(t) && !m.plainHit(t)) terms.add(t); });
      if (!terms.size) words.forEach(function (q) { terms.add(q.w); });
      var url = siteHref(pg[0]);
      if (url === null) return null;
      var hl = Array.from(terms).slice(0, 10).map(encodeURIComponent).join("+");
      return {
        url: url,
        href: url + "?highlight=" + hl + (sec[0] ? "#" + encodeURIComponent(sec[0]) : ""),
        title: pg[1], titleParts: title,
        anchor: sec[0], heading: sec[1],
        excerpt: plain(ex), excerptParts: ex,
        score: r.score, all: r.all, page: r.page,
        exactTitle: normTitle(pg[1]) === qt
      };
    }).filter(Boolean);
    /* A page whose title equals the query comes first of all. */
    return out.filter(function (r) { return r.exactTitle; }).concat(out.filter(function (r) { return !r.exactTitle; }));
  }

  /* Answers whose name, id or a keyword (each a phrase of stems) the query
     holds whole, where the phrase also covers every word of the query that
     is not common (in more than an eighth of the sections: `how`, `is`, and
     on a guide about Node.js, `node`): `how fast is node` shows the verdict
     on speed, `community benchmark` no verdict on the community. The last
     word, while still being typed, may be the start of a phrase's last
     stem. Those covering more of the query first. */
  function common(w) {
    var f = find(w), l = f && postings(f.sh, f.k, false);
    return !!l && (l.df || l.n) > idx.dir.sections / 8;
  }
  function answersFor(words) {
    if (!idx.answers || !words.length) return [];
    var stems = words.map(function (q) { return stem(q.w); });
    var last = words[words.length - 1];
    var needed = words.map(function (q) { return !common(q.w); });
    function has(k, isLast) {
      if (stems.indexOf(k) >= 0) return true;
      return isLast && last.prefix && last.w.length >= 3 && k.lastIndexOf(last.w, 0) === 0;
    }
    function covers(parts) {
      return words.every(function (q, i) {
        if (!needed[i]) return true;
        if (parts.indexOf(stems[i]) >= 0) return true;
        var end = parts[parts.length - 1];
        return q === last && q.prefix && q.w.length >= 3 && end.lastIndexOf(q.w, 0) === 0;
      });
    }
    var found = [];
    idx.answers.forEach(function (a, order) {
      var best = 0;
      (Array.isArray(a.keys) ? a.keys : []).forEach(function (phrase) {
        var parts = String(phrase).split(" ");
        var ok = parts.every(function (k, i) { return has(k, i === parts.length - 1); }) && covers(parts);
        if (ok && parts.length > best) best = parts.length;
      });
      if (best) found.push({ a: a, best: best, order: order });
    });
    found.sort(function (x, y) { return y.best - x.best || x.order - y.order; });
    /* An aspect and a table row argued on one page with one winner are one
       answer (the better match, kept first). */
    var seen = Object.create(null);
    found = found.filter(function (f) {
      var k = JSON.stringify(f.a.url ? [f.a.url, f.a.winner] : [f.a.name, f.a.kind]);
      if (seen[k]) return false;
      seen[k] = true;
      return true;
    });
    return found.slice(0, 3).map(function (f) {
      var a = f.a;
      return { name: a.name, guide: a.guide, kind: a.kind, winner: a.winner, outcome: a.outcome, line: a.line, url: siteHref(a.url) };
    }).filter(function (a) { return a.url !== null; });
  }

  /* ---- drawing ---- */
  function fill(node, parts) {
    parts.forEach(function (p) { node.appendChild(p[1] ? el("mark", null, p[0]) : D.createTextNode(p[0])); });
    return node;
  }
  function answerNode(tag, a, link) {
    var n = el(tag, "search-answer");
    n.setAttribute("data-outcome", a.outcome || "");
    var head = el("span", "search-answer-head");
    head.appendChild(el("span", "search-badge", a.winner));
    head.appendChild(D.createTextNode(" "));
    if (link) { var l = el("a", "search-answer-name", a.name); l.href = a.url; head.appendChild(l); }
    else head.appendChild(el("span", "search-answer-name", a.name));
    head.appendChild(el("span", "search-meta", " · " + [a.kind, a.guide].filter(Boolean).join(" · ")));
    n.appendChild(head);
    n.appendChild(el("span", "search-line", a.line));
    return n;
  }
  function resultBody(n, r, titleTag, link) {
    var t = el(titleTag, "search-title");
    if (link) { var a = el("a"); a.href = r.href; fill(a, r.titleParts); t.appendChild(a); } else fill(t, r.titleParts);
    n.appendChild(t);
    if (r.heading) n.appendChild(el("span", "search-heading", r.heading));
    n.appendChild(fill(el("span", "search-excerpt"), r.excerptParts));
    return n;
  }
  function countText(found, q) {
    var n = found.total;
    return n ? n + (n === 1 ? " page" : " pages") + " found for “" + q + "”" : "No results for “" + q + "”";
  }

  function debounce(fn, ms) {
    var t;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }
  function unavailable() { return "Search is unavailable: its index could not be loaded."; }

  /* The combobox in the header. */
  function box(form) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    var id = input.id || "verdict-search-input";
    var pop = el("div", "search-popup");
    var list = el("ul", "search-list");
    var note = el("p", "search-note");
    note.hidden = true;
    var status = el("div", "visually-hidden");
    pop.hidden = true;
    list.id = id + "-listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    status.setAttribute("role", "status");
    pop.appendChild(note); pop.appendChild(list);
    form.appendChild(pop); form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var opts = [], active = -1, seq = 0;

    function setActive(i) {
      if (active >= 0 && opts[active]) opts[active].node.setAttribute("aria-selected", "false");
      active = i;
      if (i < 0) { input.removeAttribute("aria-activedescendant"); return; }
      var o = opts[i].node;
      o.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", o.id);
      if (o.scrollIntoView) o.scrollIntoView({ block: "nearest" });
    }
    function open(show) {
      pop.hidden = !show;
      input.setAttribute("aria-expanded", show && opts.length ? "true" : "false");
      if (!show) setActive(-1);
    }
    function go(i, newTab) {
      var href = opts[i] && opts[i].href;
      if (!href) return;
      if (newTab) window.open(href, "_blank", "noopener");
      else location.href = href;
    }
    function option(node, href) {
      node.id = id + "-opt-" + opts.length;
      node.setAttribute("role", "option");
      node.setAttribute("aria-selected", "false");
      node.setAttribute("data-href", href);
      opts.push({ node: node, href: href });
      list.appendChild(node);
    }
    function draw(results, q) {
      list.textContent = "";
      opts = []; active = -1;
      results.answers.forEach(function (a) { option(answerNode("li", a, false), a.url); });
      results.results.forEach(function (r) { option(resultBody(el("li", "search-hit"), r, "span", false), r.href); });
      if (results.total > results.results.length) {
        var page = form.getAttribute("action") || "";
        option(el("li", "search-all", "All " + results.total + " results for “" + q + "”"), page + "?q=" + encodeURIComponent(q));
      }
      note.textContent = opts.length ? "" : countText(results, q);
      note.hidden = !!opts.length;
      list.hidden = !opts.length;
      status.textContent = countText(results, q);
      open(true);
    }
    function fail() {
      list.textContent = ""; opts = [];
      note.textContent = unavailable(); note.hidden = false; list.hidden = true;
      status.textContent = note.textContent;
      open(true);
    }
    var run = debounce(function () {
      var q = input.value, mine = ++seq;
      if (!q.trim()) {
        /* An emptied box forgets its list, so arrows and Enter do nothing. */
        open(false); list.textContent = ""; opts = []; active = -1; status.textContent = "";
        form.removeAttribute("data-search-shown");
        return;
      }
      query(q, { limit: 6 }).then(function (r) {
        if (mine !== seq) return;
        draw(r, q.trim());
        form.setAttribute("data-search-shown", q); /* what the list shows results for */
      }, function () { if (mine === seq) fail(); });
    }, 100);

    input.addEventListener("focus", function () {
      ensureDir().catch(function () {});
      if (input.value.trim() && (opts.length || !note.hidden)) open(true);
    });
    input.addEventListener("input", function () { ensureDir().catch(function () {}); run(); });
    input.addEventListener("keydown", function (e) {
      if (e.isComposing) return;
      var n = opts.length;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!n) return;
        e.preventDefault();
        if (pop.hidden) open(true);
        var down = e.key === "ArrowDown";
        setActive(active < 0 ? (down ? 0 : n - 1) : (active + (down ? 1 : n - 1)) % n);
      } else if (e.key === "Enter") {
        if (!pop.hidden && active >= 0) { e.preventDefault(); go(active, e.ctrlKey || e.metaKey); }
      } else if (e.key === "Escape") {
        if (!pop.hidden) { e.preventDefault(); open(false); }
      } else if (e.key === "Tab") {
        open(false);
      }
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      for (var i = 0; i < opts.length; i++) if (opts[i].node.contains(e.target)) go(i, e.ctrlKey || e.metaKey);
    });
    form.addEventListener("focusout", function (e) {
      if (!form.contains(e.relatedTarget)) open(false);
    });
    /* Typed before this file arrived: search for it now. */
    if (D.activeElement === input) { ensureDir().catch(function () {}); if (input.value.trim()) run(); }
  }

  /* The results page: search/?q=TERMS. */
  function resultsPage(out) {
    var form = D.querySelector("form[data-search-page]");
    var input = form && form.querySelector("input[name=q]");
    var status = D.querySelector("[data-search-status]") || el("p");
    var seq = 0;
    function show(q) {
      var mine = ++seq;
      if (!q.trim()) { out.textContent = ""; status.textContent = "Type words to search for."; return; }
      query(q, { limit: 50 }).then(function (results) {
        if (mine !== seq) return;
        out.textContent = "";
        status.textContent = countText(results, q.trim()) + (results.total > results.results.length ? " (best " + results.results.length + " shown)" : "");
        out.setAttribute("data-search-shown", q);
        if (results.answers.length) {
          var sec = el("section", "search-answers");
          sec.setAttribute("aria-label", "Answers from the guide");
          results.answers.forEach(function (a) { sec.appendChild(answerNode("p", a, true)); });
          out.appendChild(sec);
        }
        if (results.results.length) {
          var ol = el("ol", "search-results");
          results.results.forEach(function (r) { ol.appendChild(resultBody(el("li", "search-hit"), r, "h2", true)); });
          out.appendChild(ol);
        }
      }, function () { if (mine === seq) { out.textContent = ""; status.textContent = unavailable(); } });
    }
    var q = new URLSearchParams(location.search).get("q") || "";
    if (input) {
      input.value = q;
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      input.addEventListener("input", debounce(function () {
        try { history.replaceState(null, "", input.value ? "?q=" + encodeURIComponent(input.value) : location.pathname); } catch (e) { /* file:// may refuse */ }
        show(input.value);
      }, 100));
    }
    show(q);
  }

  /* ?highlight=term+term: marks those terms in <main>. */
  function highlight() {
    var raw = new URLSearchParams(location.search).get("highlight");
    var main = D.querySelector("main");
    if (!raw || !main) return;
    ensureText().then(function () { mark(raw, main); }, function () {});
  }
  function mark(raw, main) {
    var words = [];
    raw.split(/\s+/).forEach(function (t) { tokens(t).forEach(function (w) { if (words.indexOf(w) < 0) words.push(w); }); });
    /* As many words as a query holds, not what a crafted link asks for. */
    words = words.slice(0, 10);
    if (!words.length) return;
    function pass(m) {
      var nodes = [], count = 0, n, walker = D.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
          return n.parentNode.closest("script,style,noscript,textarea,mark,svg,form[data-search-dir],[data-search-results]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        }
      });
      while ((n = walker.nextNode())) nodes.push(n);
      nodes.forEach(function (node) {
        var text = node.nodeValue, re = new RegExp(RUN.source, "gu"), r, at = 0, frag = null;
        while ((r = re.exec(text))) {
          if (!m.match(r[0])) continue;
          frag = frag || D.createDocumentFragment();
          if (r.index > at) frag.appendChild(D.createTextNode(text.slice(at, r.index)));
          frag.appendChild(el("mark", "search-highlight", r[0]));
          at = r.index + r[0].length;
          count++;
        }
        if (!frag) return;
        if (at < text.length) frag.appendChild(D.createTextNode(text.slice(at)));
        node.parentNode.replaceChild(frag, node);
      });
      return count;
    }
    /* Each word and its stem; a word found nowhere then counts as a prefix
       (it was the half-typed last word of the query). */
    words.forEach(function (w) {
      if (!pass(matcher([{ w: w, prefix: false }], null)) && len(w) >= 3) pass(matcher([{ w: w, prefix: true }], null));
    });
    var first = main.querySelector("mark.search-highlight");
    if (first && !location.hash && first.scrollIntoView) first.scrollIntoView({ block: "center" });
  }

  window.verdictSearch = {
    engine: true,
    dir: function (d) { idx.dir = d; },
    terms: function (i, body) { idx.shards[i] = shard(body); },
    text: function (i, pages) { idx.text[i] = pages; },
    answers: function (list) { idx.answers = list || []; },
    query: query,
    /* Forgets decoded postings and looked-up words (loaded files stay): for timing. */
    clearCache: function () {
      wordCache.clear();
      idx.shards.forEach(function (sh) { if (sh) sh.cache = []; });
    }
  };

  /* search.js loads this file after the DOM is ready. */
  Array.prototype.forEach.call(D.querySelectorAll("form[data-search-dir]:not([data-search-page])"), box);
  var out = D.querySelector("[data-search-results]");
  if (out) resultsPage(out);
  highlight();
})();
