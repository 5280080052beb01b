/* The filter bar of a list (a box marked data-filter): the text box keeps the rows that match
   (match.js: every word as a contiguous string, common abbreviations with their full forms), each
   select keeps the rows whose data-<key> equals its choice, and the count is announced. A row's
   text is its cells and its data-match: for a resource, with its code, name and department in the
   cells, all the search page matches it on (_macros.html match_text), and the row's other columns.

   A list too long for one page is cut into pages (generator/site/pages.py), each a list page of
   its own that works without script; the box names them all:
     data-filter-pages="../lists/share/ ../lists/share/2/"  every page of the list, in list order
     data-filter-total="50000"                              the number of rows in all
     data-filter-window="200"                               rows shown at once (optional)
   The rows in this page are shown until the reader first filters or sorts; then the other pages
   are fetched once, their rows read as markup (each exactly as its page renders it, _macros.html
   resource_row), filter and sort cover the whole list, and the first WINDOW matching rows are
   shown with a button for more. */
(function () {
  "use strict";

  var WINDOW = 200;
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };
  var site = window.catalogSite, match = window.catalogMatch;

  function decode(text) {
    return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, function (whole, name) {
      if (name.charAt(0) === "#") {
        var code = /^#[xX]/.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return isNaN(code) ? whole : String.fromCodePoint(code);
      }
      return ENTITIES[name.toLowerCase()] || whole;
    });
  }

  // One row of the list: a row of the page, or a row's markup from a rows file (read without
  // building it, until it is shown).
  function Row(element, html) {
    this.element = element;
    this.html = html;
    this.attributes = null;
    this.cells = null;
    this.text = null;
  }

  Row.prototype.attribute = function (name) {
    if (this.element) { return this.element.getAttribute(name); }
    if (!this.attributes) {
      this.attributes = {};
      var open = /^\s*<tr\b([^>]*)>/i.exec(this.html);
      var pattern = /([\w-]+)="([^"]*)"/g, found;
      while (open && (found = pattern.exec(open[1])) !== null) { this.attributes[found[1].toLowerCase()] = decode(found[2]); }
    }
    return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : null;
  };

  Row.prototype.cellTexts = function () {
    if (!this.cells) {
      this.cells = this.element
        ? Array.prototype.map.call(this.element.cells, function (cell) { return cell.textContent.trim(); })
        : this.html.replace(/^\s*<tr\b[^>]*>/i, "").split(/<\/t[dh]>/i).slice(0, -1).map(function (cell) {
          return decode(cell.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
        });
    }
    return this.cells;
  };

  Row.prototype.haystack = function () {
    if (this.text === null) { this.text = match.normalize(this.cellTexts().join("\n") + "\n" + (this.attribute("data-match") || "")); }
    return this.text;
  };

  Row.prototype.build = function (table) {
    if (!this.element) {
      var body = document.createElement("tbody");
      body.innerHTML = this.html;
      this.element = body.rows[0] || document.createElement("tr");
      if (table.hasAttribute("data-cards")) { site.labelRow(this.element, site.columnNames(table)); }
    }
    return this.element;
  };

  function setup(box) {
    var table = box.querySelector("table");
    var body = table && table.tBodies[0];
    if (!body) { return; }
    var text = box.querySelector("[data-filter-text]");
    var selects = Array.prototype.slice.call(box.querySelectorAll("select[data-filter-key]"));
    var count = box.querySelector("[data-filter-count]");
    var pages = (box.getAttribute("data-filter-pages") || "").split(/\s+/).filter(Boolean);
    var rows = Array.prototype.map.call(body.rows, function (row) { return new Row(row, null); });
    var total = pages.length ? (parseInt(box.getAttribute("data-filter-total"), 10) || rows.length) : rows.length;
    var whole = pages.length === 0;
    var size = parseInt(box.getAttribute("data-filter-window"), 10) || WINDOW;
    var loading = null, limit = size, shown = rows;
    var here = rows, sorted = false;  // this page's own rows; whether the reader sorted the list
    var more = null;
    if (pages.length) {
      more = document.createElement("button");
      more.type = "button";
      more.className = "catalog-more";
      more.hidden = true;
      more.setAttribute("data-filter-more", "");
      more.addEventListener("click", function () {
        var first = Math.min(limit, shown.length);
        limit += size;
        render();
        var next = body.rows[first] && body.rows[first].querySelector("a");
        if (next) { next.focus(); }
      });
      box.appendChild(more);
    }

    function say(message) { if (count) { count.textContent = message; } }

    function loadAll() {
      if (!loading) {
        say("正在载入全部 " + total + " 条…");
        loading = Promise.all(pages.map(function (page) {
          var url = new URL(page, window.location.href);
          if (url.pathname === window.location.pathname) { return here; }  // this page: rows in hand
          return fetch(url.href).then(function (response) {
            if (!response.ok) { throw new Error(page); }
            return response.text();
          }).then(function (html) {
            var found = new DOMParser().parseFromString(html, "text/html").querySelectorAll("[data-filter] tbody tr");
            return Array.prototype.map.call(found, function (row) { return new Row(null, row.outerHTML); });
          });
        })).then(function (parts) {
          rows = [];
          parts.forEach(function (part) { rows = rows.concat(part); });
          total = rows.length;
          whole = true;
        });
      }
      return loading;
    }

    function active() {
      return (text && text.value.trim()) || selects.some(function (select) { return select.value; });
    }

    function apply() {
      if (!whole) {
        if (!active()) { say("显示 " + rows.length + " / " + total + " 条"); return Promise.resolve(); }
        return loadAll().then(apply, function () { loading = null; say("载入全部条目失败，请刷新页面重试"); });
      }
      if (pages.length && !active() && !sorted) {  // no filter: this page's own rows, as without script
        shown = here;
        limit = here.length;
        render();
        return Promise.resolve();
      }
      var words = match.query(text ? text.value : "");
      shown = rows.filter(function (row) {
        for (var i = 0; i < selects.length; i += 1) {
          var want = selects[i].value;
          if (want && row.attribute("data-" + selects[i].getAttribute("data-filter-key")) !== want) { return false; }
        }
        return !words.length || match.matches(row.haystack(), words);
      });
      limit = size;
      render();
      return Promise.resolve();
    }

    function render() {
      if (!pages.length) {  // every row is in the page: hide the others
        var keep = new Set(shown);
        rows.forEach(function (row) { row.element.hidden = !keep.has(row); });
        say("显示 " + shown.length + " / " + total + " 条");
        return;
      }
      var fragment = document.createDocumentFragment();
      shown.slice(0, limit).forEach(function (row) {
        var element = row.build(table);
        element.hidden = false;
        fragment.appendChild(element);
      });
      body.replaceChildren(fragment);
      var rest = shown.length - Math.min(limit, shown.length);
      more.hidden = rest === 0;
      more.textContent = "再显示 " + Math.min(size, rest) + " 条（还有 " + rest + " 条）";
      say(rest ? "符合 " + shown.length + " / " + total + " 条，显示前 " + Math.min(limit, shown.length) + " 条"
        : "显示 " + shown.length + " / " + total + " 条");
    }

    function sort(column, ascending) {
      if (!whole) {
        loadAll().then(function () { sort(column, ascending); }, function () { loading = null; say("载入全部条目失败，请刷新页面重试"); });
        return;
      }
      sorted = true;
      rows = rows.slice().sort(function (a, b) {
        var result = site.compare(a.cellTexts()[column] || "", b.cellTexts()[column] || "");
        return ascending ? result : -result;
      });
      if (!pages.length) { rows.forEach(function (row) { body.appendChild(row.element); }); }
      apply();
    }

    table.catalogSort = sort;
    if (text) { text.addEventListener("input", apply); }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    apply();
    match.load(site.assets + "abbreviations.json").then(apply).then(function () {
      box.setAttribute("data-filter-ready", "");
    });
  }

  document.querySelectorAll("[data-filter]").forEach(setup);
})();
