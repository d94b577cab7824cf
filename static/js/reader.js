// Progressive enhancement for the reader. Everything it touches is already in the HTML;
// this adds the card, speaker filtering, permalink highlighting, the quiz and the people filter.
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");

  function byId(id) { return doc.getElementById(id); }
  function each(selector, fn) { Array.prototype.forEach.call(doc.querySelectorAll(selector), fn); }
  function marksOf(annId) {
    return Array.prototype.filter.call(doc.querySelectorAll(".m[data-ann]"), function (m) {
      return m.dataset.ann.split(" ").indexOf(annId) !== -1;
    });
  }

  // Permalinks (#q12): highlight every piece of the annotation. A malformed fragment is ignored.
  function fragment() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return ""; }
  }
  function showTarget() {
    each(".m.hit", function (m) { m.classList.remove("hit"); });
    var id = fragment();
    if (!id || !byId(id) || !byId(id).classList.contains("anchor")) return;
    marksOf(id).forEach(function (m) { m.classList.add("hit"); });
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();

  // A layer switched off leaves the tab order too: its focus stops get tabindex -1.
  function syncTabOrder() {
    each("a.m[data-stop]", function (m) {
      var box = byId("show-" + m.dataset.layer);
      if (box && !box.checked) m.tabIndex = -1; else m.removeAttribute("tabindex");
    });
  }
  each(".legend input[type=checkbox]", function (box) { box.addEventListener("change", syncTabOrder); });
  syncTabOrder();

  // "Only these quotes": dim every quote that is not by the chosen speaker.
  var onlyButtons = doc.querySelectorAll("button.only");
  function quotesBy(person) {
    var ids = {};
    each(".note.l-quote", function (n) {
      if (n.dataset.people.split(" ").indexOf(person) !== -1) ids[n.id.slice(2)] = true;
    });
    return ids;
  }
  function filterBy(person) {
    var ids = person ? quotesBy(person) : null;
    each(".m.l-quote", function (m) {
      var mine = !ids || m.dataset.ann.split(" ").some(function (a) { return ids[a]; });
      m.classList.toggle("dim", !mine);
    });
    each(".note.l-quote", function (n) { n.classList.toggle("dim", !!ids && !ids[n.id.slice(2)]); });
    onlyButtons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.person === person)); });
  }
  onlyButtons.forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      filterBy(b.getAttribute("aria-pressed") === "true" ? null : b.dataset.person);
    });
  });

  // The card, opened by clicking a highlight or pressing Enter on its focus stop. A click opens the
  // innermost thing (a name inside a quote: that person); a key opens what the stop stands for.
  var card = byId("card");
  var opener = null;
  var RANK = { person: 0, term: 1, condition: 2, quote: 4 };  // custom layers: 3
  // An annotation's layer: its note says (l-quote, l-claim, …); a term has a definition; a name has neither.
  function layerOf(ann) {
    var note = byId("n-" + ann);
    var cls = note && Array.prototype.filter.call(note.classList, function (c) { return c.indexOf("l-") === 0; })[0];
    return cls ? cls.slice(2) : byId("def-" + ann) ? "term" : "person";
  }
  function rank(ann) { var r = RANK[layerOf(ann)]; return r === undefined ? 3 : r; }
  function chosen(mark, byKey) {
    if (byKey && mark.dataset.stop) return mark.dataset.stop;
    return mark.dataset.ann.split(" ").slice().sort(function (a, b) { return rank(a) - rank(b); })[0];
  }
  function fill(selector, text) { card.querySelector(selector).textContent = text || ""; }
  function person(pid) { return pid ? byId("person-" + pid) : null; }
  function describe(ann, mark) {
    var note = byId("n-" + ann);
    var layer = layerOf(ann);
    var p = layer === "person" ? person((mark.dataset.person || "").split(" ")[0])
      : note && note.classList.contains("l-quote") ? person(note.dataset.people.split(" ")[0]) : null;
    var out = { name: "", kind: "", role: "", count: "", quote: "", link: null, prov: "" };
    if (p) {
      var n = Number(p.dataset.quotes);
      out.name = p.dataset.name; out.kind = "Kind: " + p.dataset.kind; out.role = p.dataset.role;
      out.count = n ? "Quoted " + n + (n === 1 ? " time" : " times") + " in this article" : "Named, not quoted";
      var a = p.querySelector("a");  // a group or an anonymous source has no page of its own
      out.link = a ? a.href : null;
    } else if (note && note.classList.contains("l-quote")) {
      out.name = "Speaker not identified";
    } else if (byId("cond-" + ann)) {
      out.name = "Condition";
      out.kind = byId("cond-" + ann).firstChild.textContent.trim();
    } else if (byId("def-" + ann)) {
      out.name = mark.textContent; out.kind = byId("def-" + ann).textContent;
    } else if (note) {  // a layer from site.yaml: its note's words
      out.name = Array.prototype.filter.call(note.childNodes, function (n) {
        return !(n.classList && (n.classList.contains("note-ref") || n.classList.contains("prov")));
      }).map(function (n) { return n.textContent; }).join("").trim();
    } else {
      return null;
    }
    if (note) {
      out.quote = [["qkind", "", " quote"], ["cue", "cue: ", ""], ["via", "", ""]].map(function (c) {
        var el = note.querySelector("." + c[0]);
        return el ? c[1] + el.textContent.replace(/^[\s·]+/, "") + c[2] : "";
      }).filter(Boolean).join(" · ");
      out.prov = note.classList.contains("o-auto") ? "Found automatically, not checked by a person."
        : "Checked by a person.";
    }
    return out;
  }
  function rectsOf(ann) {
    var rects = [];
    marksOf(ann).forEach(function (m) { Array.prototype.push.apply(rects, m.getClientRects()); });
    return rects;
  }
  // Beside the highlight, never over it: below all its lines, or above them, whichever fits.
  function place(ann, mark) {
    var rects = rectsOf(ann);
    if (!rects.length) rects = mark.getClientRects();
    var top = Infinity, bottom = -Infinity;
    Array.prototype.forEach.call(rects, function (r) { top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom); });
    var first = mark.getClientRects()[0] || rects[0];
    var w = card.offsetWidth, h = card.offsetHeight, vw = doc.documentElement.clientWidth, vh = window.innerHeight;
    var gap = 8;
    var y = (bottom + gap + h <= vh || top - gap - h < 0) ? bottom + gap : top - gap - h;
    var x = Math.max(gap, Math.min(first.left, vw - w - gap));
    card.style.left = (x + window.scrollX) + "px";
    card.style.top = (y + window.scrollY) + "px";
  }
  function openCard(mark, byKey) {
    if (!card || !card.showPopover) return false;
    var ann = chosen(mark, byKey);
    var d = describe(ann, mark);
    if (!d) return false;
    fill(".card-name", d.name); fill(".card-kind", d.kind); fill(".card-role", d.role);
    fill(".card-count", d.count); fill(".card-quote", d.quote); fill(".card-prov", d.prov);
    var link = card.querySelector(".card-link");
    link.hidden = !d.link;
    if (d.link) link.href = d.link;
    var permalink = card.querySelector(".card-permalink");
    permalink.href = "#" + ann;
    var layer = layerOf(ann);
    permalink.textContent = "Link to this " +
      ({ person: "mention", quote: "quote", condition: "condition", term: "term" }[layer] || "annotation");
    if (card.matches(":popover-open")) card.hidePopover();
    opener = mark;
    try { card.showPopover({ source: mark }); } catch (e) { card.showPopover(); }
    place(ann, mark);
    card.focus({ preventScroll: true });
    if (card.getBoundingClientRect().bottom > window.innerHeight) card.scrollIntoView({ block: "nearest" });
    return true;
  }
  function tabbables(root) {
    return Array.prototype.filter.call(root.querySelectorAll("a[href], button, input, select, summary, [tabindex]"),
      function (el) { return el.tabIndex >= 0 && !el.disabled && !el.hidden && el.getClientRects().length; });
  }
  function closeCard(refocus) {
    if (card.matches(":popover-open")) card.hidePopover();
    if (refocus && opener) opener.focus();
  }
  if (card) {
    card.tabIndex = -1;
    doc.addEventListener("click", function (e) {
      var mark = e.target.closest && e.target.closest(".reader .m[data-ann]");
      if (!mark || e.metaKey || e.ctrlKey || e.shiftKey) return;
      if (openCard(mark, e.detail === 0)) e.preventDefault();
    });
    card.addEventListener("keydown", function (e) {
      var inside = tabbables(card);
      if (e.key === "Escape") { e.preventDefault(); closeCard(true); return; }
      if (e.key !== "Tab" || !opener) return;
      var at = inside.indexOf(doc.activeElement);
      if (e.shiftKey && at <= 0) { e.preventDefault(); closeCard(true); }
      else if (!e.shiftKey && at === inside.length - 1) {  // on past the card: to what follows its highlight
        e.preventDefault();
        var all = tabbables(doc);
        closeCard(false);
        var next = all[all.indexOf(opener) + 1];
        (next || opener).focus();
      }
    });
    card.querySelector(".card-close").addEventListener("click", function () { closeCard(true); });
    card.querySelector(".card-permalink").addEventListener("click", function () { closeCard(false); });
  }

  // Quiz: one check of every answer, then the score and an explanation of each quote. The page holds
  // no answer in words: each choice is compared with hashes (FNV-1a of salt|quote|person).
  function fnv(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return ("0000000" + h.toString(16)).slice(-8);
  }
  var quiz = doc.querySelector("form.quiz-form");
  if (quiz) {
    quiz.querySelector("button.check").hidden = false;
    quiz.addEventListener("submit", function (e) {
      e.preventDefault();
      var right = 0;
      Array.prototype.forEach.call(quiz.querySelectorAll(".pick"), function (pick) {
        var select = pick.querySelector("select");
        var ok = !!select.value && pick.dataset.check.split(" ").indexOf(fnv(quiz.dataset.salt + "|" + select.name + "|" + select.value)) !== -1;
        var verdict = pick.querySelector(".verdict");
        verdict.textContent = ok ? "Right." : select.value ? "Not this one." : "No answer chosen.";
        verdict.className = "verdict " + (ok ? "right" : "wrong");
        pick.querySelector(".explain").hidden = false;
        select.disabled = true;
        right += ok ? 1 : 0;
      });
      quiz.querySelector("button.check").disabled = true;
      var score = quiz.querySelector(".score");
      score.querySelector(".right").textContent = String(right);
      score.hidden = false;
      score.tabIndex = -1;
      score.focus();
    });
  }

  // People page: show one kind of person at a time.
  var filter = doc.querySelector("fieldset.filter");
  if (filter) {
    filter.hidden = false;
    filter.addEventListener("change", function (e) {
      each(".kind-group", function (g) { g.hidden = !!e.target.value && g.dataset.kind !== e.target.value; });
    });
  }
})();
