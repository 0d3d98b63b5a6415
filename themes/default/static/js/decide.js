/* The decision helper: adds up the points of the answers chosen in each
   [data-decide] form (`decide: true` and `decide: weights` embeds), ranks the
   technologies, says when the top two are too close to call and which
   question would tip it, and names the answers that moved the result, each
   with its reason from the page.

   The model is JSON in a <script type="application/json"> element: ids,
   plain-text labels and points. Labels are only ever set as text; reasons
   are copied from the page's own (build-time) HTML, never parsed from data.
   Answers live in the query string (`?d.<question>=<answer>` for the
   questionnaire, `?w.<aspect>=<level>` for the weights), one history entry
   per change, so a result can be shared and Back undoes the last answer.
   Classic script, no dependencies: works from file:// too. */
(function () {
  "use strict";
  if (window.verdictDecide) return;
  window.verdictDecide = true;

  var MAX_REASONS = 3;
  /* Sums of decimal points are not exact (0.1 + 0.1 + 0.1 > 0.3): gaps this
     close count as equal, as the build's checks do. */
  var EPSILON = 1e-9;
  var MAX_NOTICE = 5;
  var widgets = [];

  /* Maps keyed by ids from data or the address: no prototype, so an id such
     as `constructor` or `__proto__` is an ordinary key. */
  function dict() { return Object.create(null); }
  function has(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* 2 → "2", 1.5 → "1.5", −1 → "−1" (a real minus sign). */
  function num(n) {
    var r = Math.round(n * 10) / 10;
    if (r === 0) return "0";
    return r < 0 ? "\u2212" + String(-r) : String(r);
  }
  function pts(n) { return num(n) + (Math.abs(n) === 1 ? " point" : " points"); }
  function signed(n) { return (n > 0 ? "+" : "") + num(n); }
  function quoted(s) { return "\u201c" + s + "\u201d"; }

  function Widget(root) {
    var self = this;
    var data = root.querySelector("script[data-decide-model]");
    this.root = root;
    this.model = JSON.parse(data.textContent);
    this.prefix = this.model.param + ".";
    this.form = root.querySelector("[data-decide-form]");
    this.summary = root.querySelector("[data-decide-summary]");
    this.detail = root.querySelector("[data-decide-detail]");
    this.notice = root.querySelector("[data-decide-notice]");
    this.reset = root.querySelector("[data-decide-reset]");
    /* A one-line copy of the summary that stays in view at the bottom of
       the screen while the reader answers (hidden from screen readers: the
       summary itself is the live region). */
    this.live = root.querySelector("[data-decide-live]");
    this.liveText = this.live && this.live.querySelector("[data-decide-live-text]");
    if (this.live && window.IntersectionObserver) {
      var live = this.live;
      new window.IntersectionObserver(function (entries) {
        live.style.visibility = entries[0].isIntersecting ? "hidden" : "";
      }).observe(root.querySelector("[data-decide-result]"));
    }
    this.questions = dict();
    this.lastQuestion = null;
    this.model.questions.forEach(function (q) {
      q.byId = dict();
      q.answers.forEach(function (a) { q.byId[a.id] = a; });
      self.questions[q.id] = q;
    });

    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.form.addEventListener("change", function (e) {
      self.chosen = self.readForm();
      /* Arrow keys move through a radio group one answer at a time: changes
         to the same one-answer question make one history entry, so Back
         undoes the answer, not each option passed over. */
      var qid = e.target && e.target.name ? e.target.name.slice(self.prefix.length) : null;
      var q = qid !== null && has(self.questions, qid) ? self.questions[qid] : null;
      if (q && !q.multiple && qid === self.lastQuestion) {
        self.replace();
      } else {
        self.push();
      }
      self.lastQuestion = qid;
      self.render();
      self.syncOthers();
    });
    this.reset.hidden = false;
    this.reset.addEventListener("click", function () {
      self.chosen = dict();
      self.writeForm();
      self.push();
      self.lastQuestion = null;
      self.render();
      self.syncOthers();
    });
    window.addEventListener("popstate", function () {
      self.lastQuestion = null;
      self.fromUrl(false);
    });
    this.fromUrl(true);
  }

  /* The same guide's helper shown twice on a page follows this one. */
  Widget.prototype.syncOthers = function () {
    var self = this;
    widgets.forEach(function (w) {
      if (w !== self && w.prefix === self.prefix) w.fromUrl(false);
    });
  };

  /* An answer that counts as "nothing chosen": the weights' "not at all". */
  Widget.prototype.isDefault = function (input) {
    return input.hasAttribute("data-default");
  };

  Widget.prototype.readForm = function () {
    var self = this, chosen = dict();
    each(this.form.querySelectorAll("input"), function (input) {
      if (!input.checked || !input.value || self.isDefault(input)) return;
      var qid = input.name.slice(self.prefix.length);
      (chosen[qid] = chosen[qid] || []).push(input.value);
    });
    return chosen;
  };

  Widget.prototype.writeForm = function () {
    var self = this;
    each(this.form.querySelectorAll("input"), function (input) {
      var qid = input.name.slice(self.prefix.length);
      var list = has(self.chosen, qid) ? self.chosen[qid] : null;
      input.checked = list ? list.indexOf(input.value) >= 0 : self.isDefault(input);
    });
  };

  /* Reads this widget's answers from the address; ids that no longer exist
     are dropped, said so, and removed from the address. */
  Widget.prototype.fromUrl = function (first) {
    var self = this, chosen = dict(), dropped = [];
    var params = new URLSearchParams(window.location.search);
    params.forEach(function (value, key) {
      if (key.indexOf(self.prefix) !== 0) return;
      var qid = key.slice(self.prefix.length);
      var q = has(self.questions, qid) ? self.questions[qid] : null;
      var a = q && has(q.byId, value) ? q.byId[value] : null;
      if (!a) { dropped.push(key + "=" + value); return; }
      var input = self.form.querySelector("input[name=\"" + key + "\"][value=\"" + value + "\"]");
      if (input && self.isDefault(input)) return;
      if (q.multiple) {
          var list = chosen[q.id] = has(chosen, q.id) ? chosen[q.id] : [];
        if (list.indexOf(value) < 0) list.push(value);
      } else {
        chosen[q.id] = [value];
      }
    });
    this.chosen = chosen;
    this.writeForm();
    if (dropped.length) {
      var shown = dropped.slice(0, MAX_NOTICE).map(function (d) {
        return d.length > 60 ? d.slice(0, 59) + "\u2026" : d;
      });
      if (dropped.length > MAX_NOTICE) shown.push("and " + (dropped.length - MAX_NOTICE) + " more");
      this.notice.textContent = "This address held answers that are no longer in this guide, so they were left out: " +
        shown.join(", ") + ".";
      this.notice.hidden = false;
      this.replace();
    } else if (!first) {
      this.notice.hidden = true;
    }
    this.render();
  };

  Widget.prototype.url = function () {
    var self = this;
    var params = new URLSearchParams(window.location.search);
    var mine = [];
    params.forEach(function (_, key) { if (key.indexOf(self.prefix) === 0) mine.push(key); });
    mine.forEach(function (key) { params.delete(key); });
    this.model.questions.forEach(function (q) {
      (has(self.chosen, q.id) ? self.chosen[q.id] : []).forEach(function (a) { params.append(self.prefix + q.id, a); });
    });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  };

  Widget.prototype.push = function () {
    try { window.history.pushState(null, "", this.url()); } catch (e) { /* some file:// setups */ }
  };
  Widget.prototype.replace = function () {
    try { window.history.replaceState(null, "", this.url()); } catch (e) { /* some file:// setups */ }
  };

  /* The answers chosen, as moves: {q, a}. */
  Widget.prototype.moves = function (chosen) {
    var out = [];
    this.model.questions.forEach(function (q) {
      (has(chosen, q.id) ? chosen[q.id] : []).forEach(function (id) { out.push({ q: q, a: q.byId[id] }); });
    });
    return out;
  };

  Widget.prototype.scores = function (chosen) {
    var total = this.model.technologies.map(function () { return 0; });
    this.moves(chosen).forEach(function (m) {
      m.a.points.forEach(function (p, i) { total[i] += p; });
    });
    return total;
  };

  /* Technology indexes, best first; equal scores keep the guide's order. */
  function rank(scores) {
    return scores.map(function (_, i) { return i; })
      .sort(function (a, b) { return scores[b] - scores[a] || a - b; });
  }

  /* The question whose answer would make a close result clear, and the
     answers that would do it, one per technology they put ahead.
     Unanswered questions come first: they are what the reader can still say. */
  Widget.prototype.tipping = function () {
    var self = this, margin = this.model.margin, best = null;
    this.model.questions.forEach(function (q) {
      var current = has(self.chosen, q.id) ? self.chosen[q.id] : [];
      var options = [];
      var tryAnswer = function (a, next, removes) {
        var trial = dict();
        Object.keys(self.chosen).forEach(function (k) { trial[k] = self.chosen[k]; });
        trial[q.id] = next;
        var s = self.scores(trial), r = rank(s);
        var gap = s[r[0]] - s[r[1]];
        if (gap > margin + EPSILON) options.push({ a: a, leader: r[0], gap: gap, removes: removes });
      };
      q.answers.forEach(function (a) {
        if (q.multiple) {
          var on = current.indexOf(a.id) >= 0;
          tryAnswer(a, on ? current.filter(function (x) { return x !== a.id; }) : current.concat([a.id]), on);
        } else if (current[0] !== a.id) {
          tryAnswer(a, [a.id], false);
        }
      });
      /* Taking back a one-answer question's answer. */
      if (!q.multiple && current.length) tryAnswer(q.byId[current[0]], [], true);
      if (!options.length) return;
      var open = current.length === 0;
      var strength = Math.max.apply(null, options.map(function (o) { return o.gap; }));
      if (!best || (open && !best.open) || (open === best.open && strength > best.strength)) {
        best = { q: q, options: options, open: open, strength: strength };
      }
    });
    if (!best) return null;
    var byLeader = {};
    best.options.forEach(function (o) {
      if (!byLeader[o.leader] || o.gap > byLeader[o.leader].gap) byLeader[o.leader] = o;
    });
    best.options = Object.keys(byLeader).map(function (k) { return byLeader[k]; })
      .sort(function (x, y) { return x.leader - y.leader; });
    return best;
  };

  /* How much a move did for technology i against the others' average. */
  function lift(m, i) {
    var p = m.a.points, others = 0;
    if (p.length < 2) return p[i];
    p.forEach(function (v, j) { if (j !== i) others += v; });
    return p[i] - others / (p.length - 1);
  }

  Widget.prototype.reason = function (m) {
    var src = this.root.querySelector("[data-reason=\"" + m.q.id + "/" + m.a.id + "\"]") ||
      this.root.querySelector("[data-reason=\"" + m.q.id + "\"]");
    var span = el("span", "decide-move-reason");
    if (src) {
      each(src.childNodes, function (n) { span.appendChild(n.cloneNode(true)); });
      each(span.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    }
    return span;
  };

  /* How an answer is named in the result: its label, or for an aspect
     weight the aspect and the weight ("Speed matters a lot"). */
  Widget.prototype.answerName = function (m) {
    return this.model.mode === "weights"
      ? m.q.text + " matters " + m.a.label.toLowerCase()
      : quoted(m.a.label);
  };

  /* An answer for technology i with the points it gave i: "Label" (+3).
     Against i: the points it took from i, or what it gave the technology it
     favoured most: "Label" (Python +3). */
  Widget.prototype.moveLabel = function (m, i, against) {
    var techs = this.model.technologies, p = m.a.points, text;
    if (!against || p[i] < 0) {
      text = " (" + signed(p[i]) + ")";
    } else {
      var best = -1;
      p.forEach(function (v, j) { if (j !== i && (best < 0 || v > p[best])) best = j; });
      text = " (" + techs[best].name + " " + signed(p[best]) + ")";
    }
    var span = el("span", "decide-move");
    span.appendChild(el("span", "decide-move-answer", this.answerName(m)));
    span.appendChild(document.createTextNode(text));
    return span;
  };

  /* For and against technology i: the answers that lifted it most above
     the others' average, and those that lifted the others most. With two
     technologies one's "against" is the other's "for", so it is left out. */
  Widget.prototype.forAgainst = function (moves, i) {
    var self = this, box = el("p", "decide-for-against");
    var pro = moves.filter(function (m) { return lift(m, i) > 0; })
      .sort(function (a, b) { return lift(b, i) - lift(a, i); }).slice(0, MAX_REASONS);
    var con = moves.filter(function (m) { return lift(m, i) < 0; })
      .sort(function (a, b) { return lift(a, i) - lift(b, i); }).slice(0, MAX_REASONS);
    if (this.model.technologies.length < 3) con = [];
    [["For: ", pro, false], ["Against: ", con, true]].forEach(function (pair) {
      if (!pair[1].length) return;
      var part = el("span", "decide-side");
      part.appendChild(el("strong", null, pair[0]));
      pair[1].forEach(function (m, k) {
        if (k) part.appendChild(document.createTextNode(", "));
        part.appendChild(self.moveLabel(m, i, pair[2]));
      });
      box.appendChild(part);
    });
    return box.childNodes.length ? box : null;
  };

  /* How far an answer pulled the technologies apart. */
  function spread(m) {
    return Math.max.apply(null, m.a.points) - Math.min.apply(null, m.a.points);
  }

  /* The answers that moved the result most, each once, with its reason. */
  Widget.prototype.why = function (moves) {
    var self = this, techs = this.model.technologies;
    var moving = moves.filter(function (m) { return spread(m) > 0; })
      .sort(function (a, b) { return spread(b) - spread(a); }).slice(0, 5);
    if (!moving.length) return null;
    var box = el("div", "decide-why-result");
    box.appendChild(el("p", "decide-moves-title", "What moved it most, and why:"));
    var ul = el("ul", "decide-moves");
    moving.forEach(function (m) {
      var li = el("li");
      li.appendChild(el("span", "decide-move-answer", self.answerName(m)));
      var gave = [];
      m.a.points.forEach(function (p, j) { if (p) gave.push(techs[j].name + " " + signed(p)); });
      var asked = self.model.mode === "weights" ? "" : " (" + m.q.text + ")";
      li.appendChild(document.createTextNode(asked + ": " + gave.join(", ") + ". "));
      li.appendChild(self.reason(m));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  };

  Widget.prototype.render = function () {
    var self = this, techs = this.model.technologies;
    var moves = this.moves(this.chosen);
    this.detail.textContent = "";
    if (!moves.length) {
      this.summary.textContent = "Answer any question to see the scores.";
      if (this.live) this.live.hidden = true;
      return;
    }
    var s = this.scores(this.chosen), r = rank(s);
    var margin = this.model.margin;
    var lead = techs[r[0]];
    var gap = s[r[0]] - s[r[1]];
    var close = gap <= margin + EPSILON;
    var contenders = r.filter(function (i) { return s[r[0]] - s[i] <= margin + EPSILON; });
    var trailing = r.filter(function (i) { return contenders.indexOf(i) < 0; });
    var scored = function (i) { return techs[i].name + " " + pts(s[i]); };
    var tip = close ? this.tipping() : null;
    var sentence;
    if (close && s.every(function (v) { return v === 0; })) {
      sentence = "Your answers so far give no technology any points.";
    } else if (close) {
      var names = contenders.map(function (i) { return techs[i].name + " (" + pts(s[i]) + ")"; });
      sentence = "Too close to call between " + names.slice(0, -1).join(", ") + " and " + names[names.length - 1] +
        ": within " + pts(margin) + ", " + (contenders.length > 2 ? "any of them" : "either") + " works on these answers.";
      if (trailing.length) sentence += " Behind: " + trailing.map(scored).join(", ") + ".";
    } else {
      sentence = lead.name + " leads with " + pts(s[r[0]]) + "; " + r.slice(1).map(scored).join(", ") + ".";
    }
    if (close) {
      if (!tip) {
        sentence += " No single answer would tip it.";
      } else if (tip.open) {
        sentence += " Your answer to " + quoted(tip.q.text) + " would tip it.";
      } else {
        sentence += " None of the open questions would tip it on its own; it hinges on " + quoted(tip.q.text) + ".";
      }
    }
    this.summary.textContent = sentence;
    if (this.live) {
      this.liveText.textContent = sentence;
      this.live.hidden = false;
    }

    if (close && tip) {
      var p = el("p", "decide-tip");
      p.appendChild(el("strong", null, "What would tip it: "));
      p.appendChild(document.createTextNode(quoted(tip.q.text) + " \u2014 "));
      tip.options.forEach(function (o, k) {
        if (k) p.appendChild(document.createTextNode("; "));
        var verb = o.removes ? "leaving out " : "answering ";
        var effect = o.leader === r[0] ? " makes " + techs[o.leader].name + "\u2019s lead clear" : " puts " + techs[o.leader].name + " ahead";
        p.appendChild(document.createTextNode(verb + quoted(o.a.label) + effect));
      });
      p.appendChild(document.createTextNode("."));
      this.detail.appendChild(p);
    }

    var top = Math.max.apply(null, s.map(Math.abs).concat([1]));
    var list = el("ol", "decide-ranking");
    r.forEach(function (i) {
      var t = techs[i];
      var li = el("li", "decide-rank");
      li.style.setProperty("--tech", t.colour);
      var row = el("div", "decide-rank-row");
      row.appendChild(el("span", "decide-rank-name", t.name));
      var track = el("span", "decide-bar-track");
      var bar = el("span", "decide-bar");
      bar.style.inlineSize = (Math.max(0, s[i]) / top * 100).toFixed(1) + "%";
      track.appendChild(bar);
      track.setAttribute("aria-hidden", "true");
      row.appendChild(track);
      row.appendChild(el("span", "decide-rank-score", pts(s[i])));
      li.appendChild(row);
      var sides = self.forAgainst(moves, i);
      if (sides) li.appendChild(sides);
      list.appendChild(li);
    });
    this.detail.appendChild(list);
    var why = this.why(moves);
    if (why) this.detail.appendChild(why);

    var answered = this.model.questions.filter(function (q) { return has(self.chosen, q.id) && self.chosen[q.id].length; }).length;
    this.detail.appendChild(el("p", "decide-count", this.model.mode === "weights"
      ? answered + " of " + this.model.questions.length + " aspects weighed."
      : answered + " of " + this.model.questions.length + " questions answered."));
  };

  function start() {
    each(document.querySelectorAll("[data-decide]"), function (root) {
      if (root.verdictDecide) return;
      root.verdictDecide = true;
      try { widgets.push(new Widget(root)); } catch (e) { /* a broken model leaves the build-time form as it is */ }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
