/* Catalog site: everything relative to today (notice countdowns, 数据截至, overdue deadlines, stale
   entries) counted on the reader's day, filter and sort tables, start the Pagefind search UI.
   No outside requests. */
(function () {
  "use strict";

  /* A list in pages (data-filter-pages: the other pages' addresses): the first use of the filter
     loads the rows of every other page into this table, so that it finds in the whole list; with
     no filter, only this page's own rows show. */
  function morePages(box, then) {
    var urls = (box.getAttribute("data-filter-pages") || "").split(" ").filter(Boolean);
    var body = box.querySelector("tbody");
    var count = box.querySelector("[data-filter-count]");
    if (count) { count.textContent = "正在载入整个清单……"; }
    Promise.all(urls.map(function (url) {
      return fetch(url).then(function (response) { return response.text(); });
    })).then(function (pages) {
      pages.forEach(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        page.querySelectorAll("[data-filter] tbody tr").forEach(function (row) {
          row.setAttribute("data-filter-more", "");
          body.appendChild(document.importNode(row, true));
        });
      });
      then();
    }, then);
  }

  function filterTable(box) {
    var text = box.querySelector("[data-filter-text]");
    var selects = box.querySelectorAll("select[data-filter-key]");
    var rows = box.querySelectorAll("tbody tr");
    var count = box.querySelector("[data-filter-count]");
    var total = box.getAttribute("data-filter-total");
    var loaded = !box.hasAttribute("data-filter-pages");
    function apply() {
      var needle = text ? text.value.trim().toLowerCase() : "";
      var chosen = needle !== "" || Array.prototype.some.call(selects, function (select) { return select.value; });
      if (chosen && !loaded) {
        loaded = true;
        morePages(box, function () { rows = box.querySelectorAll("tbody tr"); apply(); });
        return;
      }
      var shown = 0;
      rows.forEach(function (row) {
        var ok = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
        if (!chosen && row.hasAttribute("data-filter-more")) { ok = false; }
        selects.forEach(function (select) {
          var want = select.value;
          if (ok && want && row.getAttribute("data-" + select.getAttribute("data-filter-key")) !== want) { ok = false; }
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = "显示 " + shown + " / " + (total || rows.length) + " 条"; }
    }
    if (text) { text.addEventListener("input", apply); }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    apply();
  }

  function sortTable(table) {
    table.querySelectorAll("th button[data-sort]").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.closest("th");
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        th.parentNode.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].textContent.trim(), y = b.cells[index].textContent.trim();
          var nx = parseFloat(x), ny = parseFloat(y);
          var order = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) ? nx - ny : x.localeCompare(y, "zh");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function startSearch() {
    var box = document.getElementById("catalog-search");
    if (!box || typeof PagefindUI === "undefined") { return; }
    var bundle = box.getAttribute("data-bundle");
    function start(parts) {
      var ui = new PagefindUI({
        element: "#catalog-search", bundlePath: bundle,
        mergeIndex: parts.map(function (name) { return { bundlePath: bundle + name + "/" }; }),
        showSubResults: false, showImages: false,
        translations: { placeholder: "搜索资源名称、摘要、信息项、部门", zero_results: "没有找到与 [SEARCH_TERM] 相关的内容" }
      });
      var input = box.querySelector("input.pagefind-ui__search-input");
      if (input) { input.id = "catalog-search-input"; }
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) { ui.triggerSearch(query); }
    }
    // A large catalog's index is in parts (pagefind/parts.json), merged at search time.
    fetch(bundle + "parts.json").then(function (response) {
      return response.ok ? response.json() : [];
    }).then(start, function () { start([]); });
  }

  // Days left of a public notice, counted on the reader's day (Beijing time), not the build's.
  function beijingToday() {
    var parts = {};
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function dayNumber(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000;
  }

  function countdown(element, today) {
    var end = element.getAttribute("data-countdown-end");
    var unit = element.getAttribute("data-countdown-unit");
    var lead = element.getAttribute("data-countdown-lead") || "";
    var provisional = element.hasAttribute("data-countdown-provisional");
    var text;
    if (today > end) {
      text = provisional ? "暂定截止日已过，截止日确定并届满后方可下线" : "已期满，可以下线";
    } else if (today === end) {
      text = "今天是公示期最后一天";
    } else {
      var left = dayNumber(end) - dayNumber(today);
      var map = element.getAttribute("data-countdown-workdays");
      if (map) {
        var from = dayNumber(element.getAttribute("data-countdown-from"));
        var after = Math.max(0, dayNumber(today) + 1 - from);
        left = map.slice(after).split("").filter(function (c) { return c === "1"; }).length;
      }
      text = "还剩 " + left + " 个" + unit + (provisional ? "（暂定）" : "");
    }
    element.textContent = lead + text;
  }

  // "数据截至": how long ago the build date is, on the reader's day.
  function asof(element, today) {
    var days = dayNumber(today) - dayNumber(element.getAttribute("data-asof"));
    element.textContent = days > 0 ? "（" + days + " 天前）" : (days === 0 ? "（今天）" : "");
  }

  // A deadline not yet met is overdue from the day after it is due (generator.deadlines.Deadline.state).
  function deadline(element, today) {
    var overdue = today > element.getAttribute("data-deadline-due");
    if (element.hasAttribute("data-deadline-quiet")) {
      element.textContent = overdue ? "，已逾期" : "";
    } else {
      element.textContent = overdue ? "已逾期" : "进行中";
    }
    element.classList.toggle("catalog-overdue", overdue);
  }

  // 统计 › 更新及时性: which entries are older than their update cycle, counted on the reader's day.
  function staleness(box, today) {
    var first = box.querySelector("tbody tr[data-stale-row]");
    var rows = Array.prototype.slice.call(box.querySelectorAll("tr[data-stale-row]"));
    var counts = {};
    var shown = 0;
    rows.forEach(function (row) {
      var days = dayNumber(today) - dayNumber(row.getAttribute("data-stale-last"));
      var stale = days > +row.getAttribute("data-stale-limit");
      row.hidden = !stale;
      row.setAttribute("data-stale-days-value", String(days));
      row.querySelector("[data-stale-days]").textContent = String(days);
      if (stale) {
        shown += 1;
        counts[row.getAttribute("data-stale-row")] = (counts[row.getAttribute("data-stale-row")] || 0) + 1;
      }
    });
    rows.sort(function (a, b) { return b.getAttribute("data-stale-days-value") - a.getAttribute("data-stale-days-value"); });
    if (first) { rows.forEach(function (row) { first.parentNode.appendChild(row); }); }
    box.querySelectorAll("[data-stale-department]").forEach(function (cell) {
      cell.textContent = String(counts[cell.getAttribute("data-stale-department")] || 0);
    });
    document.querySelectorAll("[data-stale-count]").forEach(function (count) { count.textContent = String(shown); });
  }

  // Data tables: each cell carries its column's name, shown on phones where rows become cards
  // (catalog.css), so no column is ever hidden off-screen.
  function cards(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head || head.cells.length < 4 || !table.tBodies.length) { return; }  // narrow tables fit as they are
    var names = Array.prototype.map.call(head.cells, function (th) { return th.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          if (names[index]) { cell.setAttribute("data-label", names[index]); }
        });
      });
    });
    table.setAttribute("data-cards", "");
  }

  // A box that scrolls sideways can be scrolled from the keyboard: focusable, and named by its table.
  function scrollRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset table, .md-typeset pre > code").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-region", "");
        if (box.tagName === "DIV") {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", (caption ? caption.textContent.trim() + "，" : "") + "表格较宽，可左右滚动");
        }
      } else if (!scrolls && box.hasAttribute("data-scroll-region")) {
        ["tabindex", "data-scroll-region", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }

  var today = beijingToday();
  document.querySelectorAll(".md-typeset table").forEach(cards);
  document.querySelectorAll("[data-countdown-end]").forEach(function (element) { countdown(element, today); });
  document.querySelectorAll("[data-asof]").forEach(function (element) { asof(element, today); });
  document.querySelectorAll("[data-deadline-due]").forEach(function (element) { deadline(element, today); });
  document.querySelectorAll("[data-stale]").forEach(function (box) { staleness(box, today); });
  document.querySelectorAll("[data-filter]").forEach(filterTable);
  document.querySelectorAll("table[data-sortable]").forEach(sortTable);
  startSearch();
  // The theme wraps tables after loading (its document$ observable); measure after it, and again on resize.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { window.setTimeout(scrollRegions, 0); });
  } else {
    window.addEventListener("load", scrollRegions);
  }
  var resizing;
  window.addEventListener("resize", function () { window.clearTimeout(resizing); resizing = window.setTimeout(scrollRegions, 200); });
})();
