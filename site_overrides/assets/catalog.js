/* Catalog site: notice countdowns, filter and sort tables, start the Pagefind search UI. No outside requests. */
(function () {
  "use strict";

  function filterTable(box) {
    var text = box.querySelector("[data-filter-text]");
    var selects = box.querySelectorAll("select[data-filter-key]");
    var rows = box.querySelectorAll("tbody tr");
    var count = box.querySelector("[data-filter-count]");
    function apply() {
      var needle = text ? text.value.trim().toLowerCase() : "";
      var shown = 0;
      rows.forEach(function (row) {
        var ok = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
        selects.forEach(function (select) {
          var want = select.value;
          if (ok && want && row.getAttribute("data-" + select.getAttribute("data-filter-key")) !== want) { ok = false; }
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = "显示 " + shown + " / " + rows.length + " 条"; }
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

  var today = beijingToday();
  document.querySelectorAll("[data-countdown-end]").forEach(function (element) { countdown(element, today); });
  document.querySelectorAll("[data-filter]").forEach(filterTable);
  document.querySelectorAll("table[data-sortable]").forEach(sortTable);
  startSearch();
})();
