/* Catalog site: everything relative to today (notice countdowns, 数据截至, overdue deadlines, stale
   entries) counted on the reader's day, sortable tables, cards on phones; loads the lists' filter
   (filter.js) and the search page (search.js) where a page has them. No outside requests. */
(function () {
  "use strict";

  // This script's folder (``assets/``): the other scripts and the word list are loaded from there.
  var assets = document.currentScript ? new URL(".", document.currentScript.src).href : "assets/";

  function load(name) {
    var script = document.createElement("script");
    script.src = assets + name;
    script.async = false;  // in the order asked for: match.js before the scripts that use it
    document.body.appendChild(script);
  }

  // Table order: numbers as numbers, everything else in Chinese collation (≈ pinyin).
  function compare(x, y) {
    var nx = parseFloat(x), ny = parseFloat(y);
    return (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) ? nx - ny : x.localeCompare(y, "zh");
  }

  // A sortable table sorts its rows in the page, or asks its owner (a list filter whose rows are
  // loaded in pages, filter.js) through ``table.catalogSort(column, ascending)``.
  function sortTable(table) {
    table.querySelectorAll("th button[data-sort]").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.closest("th");
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        th.parentNode.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        if (typeof table.catalogSort === "function") {
          table.catalogSort(index, ascending);
          return;
        }
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(a.cells[index].textContent.trim(), b.cells[index].textContent.trim());
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
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
  function columnNames(table) {
    var head = table.tHead && table.tHead.rows[0];
    return head ? Array.prototype.map.call(head.cells, function (th) { return th.textContent.trim(); }) : [];
  }

  function labelRow(row, names) {
    Array.prototype.forEach.call(row.cells, function (cell, index) {
      if (names[index]) { cell.setAttribute("data-label", names[index]); }
    });
  }

  function cards(table) {
    var names = columnNames(table);
    if (names.length < 4 || !table.tBodies.length) { return; }  // narrow tables fit as they are
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) { labelRow(row, names); });
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
  document.querySelectorAll("table[data-sortable]").forEach(sortTable);
  window.catalogSite = { assets: assets, compare: compare, columnNames: columnNames, labelRow: labelRow };
  // The lists' filter bars and the search page, with the matching rule they share.
  var filters = document.querySelector("[data-filter]"), search = document.getElementById("catalog-search");
  if (filters || search) { load("match.js"); }
  if (filters) { load("filter.js"); }
  if (search) { load("search.js"); }
  // The theme wraps tables after loading (its document$ observable); measure after it, and again on resize.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { window.setTimeout(scrollRegions, 0); });
  } else {
    window.addEventListener("load", scrollRegions);
  }
  var resizing;
  window.addEventListener("resize", function () { window.clearTimeout(resizing); resizing = window.setTimeout(scrollRegions, 200); });
})();
