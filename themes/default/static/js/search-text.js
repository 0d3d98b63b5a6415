// Search tokens and stems as src/text/tokenize.rs and stem.rs make them
// (docs/search.md, "Tokens"; vectors: tests/search/tokens.json).
(function () {
  'use strict';
  var WORD = /[\p{Alphabetic}\p{N}]/u, LOWER = /\p{Lowercase}/u, UPPER = /\p{Uppercase}/u;
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u{20000}-\u{2ffff}]/u;
  var MAX = 64;

  // 0 other, 1 word, 2 connector, 3 CJK
  function kind(c) {
    return '._:/-+#@'.indexOf(c) >= 0 ? 2 : CJK.test(c) ? 3 : WORD.test(c) ? 1 : 0;
  }

  function push(chars, out) {
    var t = chars.join('').toLowerCase();
    if (t.length <= MAX || Array.from(t).length <= MAX) out.push(t);
  }

  function camel(p) {
    var pieces = [], start = 0;
    for (var j = 1; j < p.length; j++) {
      if (UPPER.test(p[j]) && (LOWER.test(p[j - 1]) ||
          (UPPER.test(p[j - 1]) && j + 1 < p.length && LOWER.test(p[j + 1])))) {
        pieces.push(p.slice(start, j));
        start = j;
      }
    }
    pieces.push(p.slice(start));
    return pieces;
  }

  // ks: the kinds of the chars of run (word or connector).
  function chunk(run, ks, out) {
    var first = ks.indexOf(1), last = ks.lastIndexOf(1);
    if (first < 0) return;
    var end = last + 1;
    while (end < run.length && (run[end] === '+' || run[end] === '#')) end++;
    var parts = 0, hasConn = false, part = [];
    for (var i = first; i <= end; i++) {
      if (i < end && ks[i] === 1) { part.push(run[i]); continue; }
      if (i < end) hasConn = true;
      if (!part.length) continue;
      parts++;
      push(part, out);
      var pieces = camel(part);
      if (pieces.length > 1) for (var k = 0; k < pieces.length; k++) push(pieces[k], out);
      part = [];
    }
    if (parts > 1 || hasConn) push(run.slice(first, end), out);
  }

  function fold(text) {
    return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  }

  function tokenize(text) {
    var cs = Array.from(fold(text)), ks = cs.map(kind), out = [], i = 0, n = cs.length;
    while (i < n) {
      var start = i, k = ks[i];
      if (k === 3) {
        while (i < n && ks[i] === 3) i++;
        if (i - start === 1) out.push(cs[start]);
        for (var j = start; j + 1 < i; j++) out.push(cs[j] + cs[j + 1]);
      } else if (k) {
        while (i < n && (ks[i] === 1 || ks[i] === 2)) i++;
        chunk(cs.slice(start, i), ks.slice(start, i), out);
      } else {
        i++;
      }
    }
    return out;
  }

  // Porter as in Martin Porter's reference code (bli -> ble, logi -> log),
  // line for line as src/text/stem.rs. Rules by the letter a step looks at.
  function table(o) {
    for (var k in o) o[k] = o[k].split(' ').map(function (r) { return r.split(':'); });
    return o;
  }
  var STEP2 = table({
    a: 'ational:ate tional:tion', c: 'enci:ence anci:ance', e: 'izer:ize',
    l: 'bli:ble alli:al entli:ent eli:e ousli:ous', o: 'ization:ize ation:ate ator:ate',
    s: 'alism:al iveness:ive fulness:ful ousness:ous', t: 'aliti:al iviti:ive biliti:ble',
    g: 'logi:log'
  });
  var STEP3 = table({ e: 'icate:ic ative: alize:al', i: 'iciti:ic', l: 'ical:ic ful:', s: 'ness:' });
  var STEP4 = table({
    a: 'al', c: 'ance ence', e: 'er', i: 'ic', l: 'able ible', n: 'ant ement ment ent',
    s: 'ism', t: 'ate iti', u: 'ous', v: 'ive', z: 'ize'
  });

  function stem(w) {
    if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;
    var b = w, j = 0;
    function cons(i) {
      return b[i] === 'y' ? i === 0 || !cons(i - 1) : 'aeiou'.indexOf(b[i]) < 0;
    }
    function m() {
      var n = 0, i = 0;
      while (i < j && cons(i)) i++;
      for (;;) {
        while (i < j && !cons(i)) i++;
        if (i >= j) return n;
        while (i < j && cons(i)) i++;
        n++;
      }
    }
    function vowelInStem() {
      for (var i = 0; i < j; i++) if (!cons(i)) return 1;
    }
    function doublec(i) { return i >= 1 && b[i] === b[i - 1] && cons(i); }
    function cvc(i) {
      return i >= 2 && cons(i) && !cons(i - 1) && cons(i - 2) && 'wxy'.indexOf(b[i]) < 0;
    }
    function ends(s) {
      if (b.length < s.length || b.slice(b.length - s.length) !== s) return false;
      j = b.length - s.length;
      return true;
    }
    function setTo(s) { b = b.slice(0, j) + s; }
    function r(s) { if (m() > 0) setTo(s); }
    function rules(list) {
      if (!list) return;
      for (var i = 0; i < list.length; i++) if (ends(list[i][0])) { r(list[i][1]); return; }
    }
    function last() { return b[b.length - 1]; }
    function penult() { return b[b.length - 2]; }

    // Step 1ab: plurals, -ed, -ing.
    if (last() === 's') {
      if (ends('sses')) b = b.slice(0, -2);
      else if (ends('ies')) setTo('i');
      else if (penult() !== 's') b = b.slice(0, -1);
    }
    if (ends('eed')) {
      if (m() > 0) b = b.slice(0, -1);
    } else if ((ends('ed') || ends('ing')) && vowelInStem()) {
      b = b.slice(0, j);
      if (ends('at')) setTo('ate');
      else if (ends('bl')) setTo('ble');
      else if (ends('iz')) setTo('ize');
      else if (doublec(b.length - 1)) {
        if ('lsz'.indexOf(last()) < 0) b = b.slice(0, -1);
      } else {
        j = b.length;
        if (m() === 1 && cvc(b.length - 1)) setTo('e');
      }
    }
    if (b.length > 1) {
      // Step 1c: terminal y -> i when the stem holds a vowel.
      if (ends('y') && vowelInStem()) b = b.slice(0, -1) + 'i';
      rules(STEP2[penult()]);
      rules(STEP3[last()]);
      // Step 4: -ant, -ence etc. when m > 1.
      var p = penult(), hit = false, list = STEP4[p] || [];
      if (p === 'o') hit = (ends('ion') && j > 0 && /[st]/.test(b[j - 1])) || ends('ou');
      for (var i = 0; i < list.length && !hit; i++) hit = ends(list[i][0]);
      if (hit && m() > 1) b = b.slice(0, j);
      // Step 5: final -e; -ll -> -l.
      j = b.length;
      if (last() === 'e') {
        var a = m();
        if (a > 1 || (a === 1 && !cvc(b.length - 2))) b = b.slice(0, -1);
      }
      j = b.length;
      if (last() === 'l' && doublec(b.length - 1) && m() > 1) b = b.slice(0, -1);
    }
    return b;
  }

  var api = { tokenize: tokenize, stem: stem };
  if (typeof window !== 'undefined') window.verdictSearchText = api;
  if (typeof module === 'object' && module.exports) module.exports = api;
})();
