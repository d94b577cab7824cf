// Progressive enhancement for the reader. Everything it touches is already in the HTML;
// this adds speaker filtering, the speaker card, permalink highlighting and the people filter.
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");

  function byId(id) { return doc.getElementById(id); }
  function marksOf(annId) {
    return Array.prototype.filter.call(doc.querySelectorAll("a.m"), function (m) {
      return m.dataset.ann.split(" ").indexOf(annId) !== -1;
    });
  }

  // Permalinks (#q12): highlight every piece of the annotation, not only where it starts.
  function showTarget() {
    doc.querySelectorAll("a.m.hit").forEach(function (m) { m.classList.remove("hit"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || !byId(id) || !byId(id).classList.contains("anchor")) return;
    marksOf(id).forEach(function (m) { m.classList.add("hit"); });
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();

  // "Only these quotes": dim every quote that is not by the chosen speaker.
  var onlyButtons = doc.querySelectorAll("button.only");
  function quotesBy(person) {
    var ids = {};
    doc.querySelectorAll(".note.l-quote").forEach(function (n) {
      if (n.dataset.people.split(" ").indexOf(person) !== -1) ids[n.id.slice(2)] = true;
    });
    return ids;
  }
  function filterBy(person) {
    var ids = person ? quotesBy(person) : null;
    doc.querySelectorAll("a.m.l-quote").forEach(function (m) {
      var mine = !ids || m.dataset.ann.split(" ").some(function (a) { return ids[a]; });
      m.classList.toggle("dim", !mine);
    });
    doc.querySelectorAll(".note.l-quote").forEach(function (n) {
      n.classList.toggle("dim", !!ids && !ids[n.id.slice(2)]);
    });
    onlyButtons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.person === person)); });
  }
  onlyButtons.forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      filterBy(b.getAttribute("aria-pressed") === "true" ? null : b.dataset.person);
    });
  });

  // The card: who said this, opened by clicking or focusing a highlight; Esc closes it.
  var card = byId("card");
  function personFor(mark) {
    var ann = mark.dataset.ann.split(" ");
    var quote = ann.map(function (a) { return byId("n-" + a); })
      .filter(function (n) { return n && n.classList.contains("l-quote"); })[0];
    var target = mark.getAttribute("href").slice(1);
    var pid = quote ? quote.dataset.people.split(" ")[0] : (target.indexOf("person-") === 0 ? target.slice(7) : "");
    return { quote: quote, person: pid ? byId("person-" + pid) : null, condition: target.indexOf("cond-") === 0 ? byId(target) : null };
  }
  function fill(selector, text) { card.querySelector(selector).textContent = text || ""; }
  function openCard(mark) {
    if (!card || !card.showPopover) return false;
    var found = personFor(mark);
    var p = found.person;
    if (!p && !found.condition) return false;
    if (p) {
      fill(".card-name", p.dataset.name);
      fill(".card-kind", "Kind: " + p.dataset.kind);
      fill(".card-role", p.dataset.role);
      var n = Number(p.dataset.quotes);
      fill(".card-count", n ? "Quoted " + n + (n === 1 ? " time" : " times") + " in this article" : "Named, not quoted");
      card.querySelector(".card-link").href = p.querySelector("a").href;
      card.querySelector(".card-link").hidden = false;
    } else {
      fill(".card-name", "Condition");
      fill(".card-kind", found.condition.textContent.replace(/\s*in the text.*$/, ""));
      fill(".card-role", ""); fill(".card-count", "");
      card.querySelector(".card-link").hidden = true;
    }
    fill(".card-quote", found.quote ? found.quote.textContent.trim() : "");
    if (card.matches(":popover-open")) card.hidePopover();
    card.showPopover();
    return true;
  }
  doc.querySelectorAll("a.m").forEach(function (m) {
    m.addEventListener("click", function (e) {
      if (e.metaKey || e.ctrlKey || e.shiftKey) return;
      if (openCard(m)) e.preventDefault();
    });
    m.addEventListener("focus", function () { openCard(m); });
  });

  // Quiz: check each choice at once and keep a score; nothing is stored or sent.
  var picks = doc.querySelectorAll(".pick");
  function rescore() {
    var right = doc.querySelectorAll(".verdict.right").length;
    var score = doc.querySelector(".score .right");
    if (score) score.textContent = String(right);
  }
  picks.forEach(function (pick) {
    var select = pick.querySelector("select");
    var verdict = pick.querySelector(".verdict");
    select.addEventListener("change", function () {
      var answers = pick.dataset.answer.split(" ");
      var chosen = select.value;
      verdict.classList.remove("right", "wrong");
      if (!chosen) { verdict.textContent = ""; }
      else if (answers.indexOf(chosen) !== -1) { verdict.textContent = "Right."; verdict.classList.add("right"); }
      else { verdict.textContent = "Not this one: read the sentence around it again."; verdict.classList.add("wrong"); }
      rescore();
    });
  });

  // People page: show one kind of person at a time.
  var filter = doc.querySelector("fieldset.filter");
  if (filter) {
    filter.hidden = false;
    filter.addEventListener("change", function (e) {
      doc.querySelectorAll(".kind-group").forEach(function (g) {
        g.hidden = !!e.target.value && g.dataset.kind !== e.target.value;
      });
    });
  }
})();
