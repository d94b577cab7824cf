// Search with Pagefind's JavaScript API (its index lives in ../pagefind/ beside this page) and a small
// interface of our own: a labelled box, filters whose counts are counts of results, and excerpts.
// Results link relative to the site's root, wherever it is served from (/, /repo/, a folder).
(function () {
  "use strict";
  var doc = document;
  var form = doc.getElementById("search-form");
  if (!form) return;
  var root = new URL("../", window.location.href);
  var input = doc.getElementById("search-input");
  var status = doc.getElementById("search-status");
  var results = doc.getElementById("search-results");
  var filterBox = doc.getElementById("search-filters");
  var chosen = {};  // filter name -> list of chosen values
  var loading = null;
  var run = 0;
  form.hidden = false;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () { return pf.init(); })
          .then(function () { return pf; });
      });
    }
    return loading;
  }
  function el(tag, className, text) {
    var e = doc.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }
  // Pagefind's excerpt is HTML with <mark>: keep its text and its marks, nothing else.
  function excerpt(html) {
    var p = el("p", "excerpt");
    var parsed = new DOMParser().parseFromString(html, "text/html").body.childNodes;
    Array.prototype.forEach.call(parsed, function (n) {
      p.appendChild(n.nodeName === "MARK" ? el("mark", "", n.textContent) : doc.createTextNode(n.textContent));
    });
    return p;
  }
  function showFilters(counts) {
    filterBox.textContent = "";
    Object.keys(counts).sort().forEach(function (name) {
      var values = Object.keys(counts[name]);
      var title = name.charAt(0).toUpperCase() + name.slice(1);
      var set = el("fieldset", "search-filter");
      set.appendChild(el("legend", "", title));
      values.sort().forEach(function (value) {
        var label = el("label");
        var box = el("input");
        box.type = "checkbox";
        box.checked = (chosen[name] || []).indexOf(value) !== -1;
        box.addEventListener("change", function () {
          var list = chosen[name] || (chosen[name] = []);
          if (box.checked) list.push(value); else list.splice(list.indexOf(value), 1);
          search();
        });
        label.appendChild(box);
        label.appendChild(doc.createTextNode(" " + value + " "));
        label.appendChild(el("span", "n", "(" + counts[name][value] + ")"));
        set.appendChild(label);
      });
      if (values.length <= 8) { filterBox.appendChild(set); return; }
      var more = el("details", "search-more");  // a long list (every speaker) folds away
      more.open = Object.keys(chosen).some(function (k) { return k === name && chosen[k].length; });
      more.appendChild(el("summary", "", title + " (" + values.length + ")"));
      more.appendChild(set);
      filterBox.appendChild(more);
    });
  }
  function showResults(found, items) {
    results.textContent = "";
    items.forEach(function (data) {
      var li = el("li", "search-result");
      var h = el("h2");
      var a = el("a", "", data.meta.title || data.url);
      a.href = data.url;
      h.appendChild(a);
      li.appendChild(h);
      var about = [data.meta.outlet, data.meta.date].filter(Boolean).join(" · ");
      if (about) li.appendChild(el("p", "meta", about));
      li.appendChild(excerpt(data.excerpt));
      results.appendChild(li);
    });
    status.textContent = found === 1 ? "1 article found." : found + " articles found.";
  }
  function settled(term) { results.dataset.term = term; }  // what the list now shows (tests wait for it)
  function search() {
    var mine = ++run;
    var term = input.value.trim();
    var filters = {};
    Object.keys(chosen).forEach(function (k) { if (chosen[k].length) filters[k] = { any: chosen[k] }; });
    if (!term && !Object.keys(filters).length) {
      results.textContent = ""; status.textContent = "";
      return pagefind().then(function (pf) { return pf.filters(); }).then(function (f) {
        if (mine === run) { showFilters(f); settled(""); }
      });
    }
    status.textContent = "Searching…";
    return pagefind().then(function (pf) {
      return pf.search(term || null, { filters: filters }).then(function (found) {
        return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (items) {
          if (mine !== run) return;
          showFilters(found.filters);
          showResults(found.results.length, items);
          settled(term);
        });
      });
    }).catch(function () { status.textContent = "Search could not load its index."; });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  var typing = null;  // search when the typing pauses, not at every key
  input.addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(search, 150); });
  search();
})();
