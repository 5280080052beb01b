/* The search page. Pagefind (pagefind/pagefind.js, the index built with the site) proposes pages;
   a page is listed only if every word of the query, or a full form of the abbreviation in it,
   occurs as one contiguous string (match.js, the rule of the lists' filter bars too) in what the
   page is about: for a resource its name, code, data items' names, summary, department, and the
   conditions, reasons and legal bases of its sharing, opening and delisting (as the lists' filter
   bars, _macros.html match_text); for a department, a legal basis or a member
   catalog's record, its title and text. Pagefind alone matches Chinese by words and characters
   found anywhere in a page: 公积金 listed 14 pages none of which mentions it.

   Order: title or code equal to a word, title containing it, code or data items, summary or text,
   department, conditions and bases; within each, Pagefind's score. Pagefind's candidates with the
   words next to each other (its exact search) are all checked; of the others, the best within a
   BUDGET. Results come PAGE at a time; a query nothing matches says so, with a link to clear it.
   The status line is announced. */
(function () {
  "use strict";

  var PAGE = 20, BATCH = 24, COMBINATIONS = 8;
  var BUDGET = { exact: Infinity, loose: 60, relaxed: 40 };
  var FILTERS = ["部门", "共享类型", "开放类型", "状态", "目录", "层级"];
  var TIER = { title: 1, code: 2, items: 2, summary: 3, text: 3, department: 4, share: 5, open: 5, delisting: 5 };
  var LABEL = { code: "资源代码：", items: "信息项：", summary: "摘要：", department: "提供部门：", text: "",
    share: "共享条件或依据：", open: "开放条件或依据：", delisting: "下线理由或依据：" };
  var match = window.catalogMatch, site = window.catalogSite;
  var box = document.getElementById("catalog-search");
  var form = box.querySelector("[data-search-form]");
  var input = box.querySelector("#catalog-search-input");
  var bar = box.querySelector("[data-search-filters]");
  var status = box.querySelector("[data-search-status]");
  var list = box.querySelector("[data-search-results]");
  var more = box.querySelector("[data-search-more]");
  var pagefind = null, state = null, latest = 0, typing = null;
  var revised = new Set();  // addresses of pages whose copy in an index part is out of date

  // A result is current unless its page changed after its part was indexed and this copy is not
  // the one in the bundle of revised pages (meta field "revised").
  function current(data) {
    if (!revised.size || (data.meta && data.meta.revised)) { return true; }
    return !revised.has(new URL(data.url, window.location.href).pathname);
  }
  var departments = JSON.parse((box.querySelector("[data-search-departments]") || {}).textContent || "{}");

  // What a page is matched on, each field with its place in the order.
  function fields(data) {
    var meta = data.meta || {};
    var found = [{ name: "title", text: meta.title || "" }];
    if (meta.code !== undefined) {
      found.push({ name: "code", text: meta.code }, { name: "items", text: meta.items || "" },
        { name: "summary", text: meta.summary || "" }, { name: "department", text: ((data.filters || {})["部门"] || []).join(" ") },
        { name: "share", text: meta.share || "" }, { name: "open", text: meta.open || "" }, { name: "delisting", text: meta.delisting || "" });
    } else {
      found.push({ name: "text", text: data.content || "" });
    }
    found.forEach(function (field) { field.norm = match.normalize(field.text); });
    return found;
  }

  // {tier, hit, fields} when every word is in the page, else null. ``hit`` is the place shown
  // under the title: where a word was found outside the title, if anywhere.
  function judge(data, words) {
    var all = fields(data), worst = 0, shown = null;
    for (var i = 0; i < words.length; i += 1) {
      var best = null;
      all.forEach(function (field) {
        var at = match.find(field.norm, words[i]);
        if (!at) { return; }
        var tier = TIER[field.name];
        if ((field.name === "title" || field.name === "code") && words[i].forms.indexOf(field.norm.trim()) !== -1) { tier = 0; }
        if (!best || tier < best.tier) { best = { tier: tier, field: field, at: at }; }
      });
      if (!best) { return null; }
      worst = Math.max(worst, best.tier);
      if (!shown || (shown.field.name === "title" && best.field.name !== "title")) { shown = best; }
    }
    return { tier: worst, hit: shown, fields: all };
  }

  function combinations(words) {
    var found = [[]];
    words.forEach(function (word) {
      var next = [];
      found.forEach(function (prefix) {
        word.forms.forEach(function (form) { if (next.length < COMBINATIONS) { next.push(prefix.concat([form])); } });
      });
      found = next;
    });
    return found.map(function (forms) { return forms.join(" "); });
  }

  // A looser query: its words of two or more characters. Pagefind matches the query's
  // words (split by the browser) as beginnings of the page's words (split when indexing); where the
  // two split differently (住房/公积/金 against 住房公积金), a leftover single character fails the
  // whole query, and the page is found only without it.
  function relaxed(form) {
    if (typeof Intl === "undefined" || !Intl.Segmenter) { return ""; }
    var words = [];
    Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(form)).forEach(function (part) {
      if (part.isWordLike && part.segment.length > 1) { words.push(part.segment); }
    });
    return words.join(" ");
  }

  // Pagefind's pages for every form of the query, each with the budget it is checked under: first
  // those of its exact search and the pages of a department whose name holds a word, found by the
  // department's 统一社会信用代码 (Pagefind splits a name into words differently on different
  // pages, and misses some), then the others by score, then those only the looser queries find.
  function candidates(words, filters) {
    var runs = [];
    function add(kind, term, extra) {
      runs.push(pagefind.search(term, { filters: Object.assign({}, filters, extra || {}) }).then(function (run) {
        return { kind: kind, results: run ? run.results : [] };
      }));
    }
    var loose = combinations(words);
    loose.forEach(function (term) {
      add("loose", term);
      var looser = relaxed(term);
      if (looser && looser !== term && loose.indexOf(looser) === -1) { add("relaxed", looser); }
    });
    if (words.length === 1) {
      words[0].forms.forEach(function (form) { add("exact", "\"" + form + "\""); });
    }
    Object.keys(departments).forEach(function (name) {
      var chosen = filters["部门"];
      var norm = match.normalize(name);
      if ((!chosen || chosen.indexOf(name) !== -1) && words.some(function (word) { return match.find(norm, word); })) {
        add("exact", departments[name], { "部门": [name] });
      }
    });
    var rank = { exact: 0, loose: 1, relaxed: 2 };
    return Promise.all(runs).then(function (done) {
      var byId = new Map();
      done.forEach(function (run) {
        run.results.forEach(function (result) {
          var seen = byId.get(result.id);
          if (!seen) { seen = { result: result, score: 0, kind: run.kind }; byId.set(result.id, seen); }
          if (rank[run.kind] < rank[seen.kind]) { seen.kind = run.kind; }
          if (run.kind !== "exact") { seen.score = Math.max(seen.score, result.score); }
        });
      });
      return Array.from(byId.values()).sort(function (a, b) {
        return (rank[a.kind] - rank[b.kind]) || (b.score - a.score) || (a.result.id < b.result.id ? -1 : a.result.id > b.result.id ? 1 : 0);
      });
    });
  }

  function chosen() {
    var filters = {};
    bar.querySelectorAll("select[data-search-filter]").forEach(function (select) {
      if (select.value) { filters[select.getAttribute("data-search-filter")] = [select.value]; }
    });
    return filters;
  }

  function run(text) {
    var mine = ++latest;
    var words = match.query(text);
    var filters = chosen();
    box.setAttribute("data-search-done", "");
    window.history.replaceState(null, "", text.trim() ? "?q=" + encodeURIComponent(text.trim()) : window.location.pathname);
    if (!words.length && !Object.keys(filters).length) {
      state = null;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      box.setAttribute("data-search-done", "");
      return Promise.resolve();
    }
    list.setAttribute("aria-busy", "true");
    var found = words.length ? candidates(words, filters) : pagefind.search(null, { filters: filters }).then(function (all) {
      return all.results.map(function (result) { return { result: result, score: result.score, kind: "exact" }; });
    });
    return found.then(function (ordered) {
      if (mine !== latest) { return null; }
      state = { text: text.trim(), words: words, filters: filters, list: ordered, next: 0, spent: {}, found: [], shown: 0, run: mine };
      list.replaceChildren();
      return show(state);
    });
  }

  // Check candidates until ``want`` pages match or none is left to check.
  function fill(s, want) {
    while (s.next < s.list.length && (s.spent[s.list[s.next].kind] || 0) >= BUDGET[s.list[s.next].kind]) { s.next += 1; }
    if (s.found.length >= want || s.next >= s.list.length) { return Promise.resolve(); }
    var batch = [];
    while (batch.length < BATCH && s.next < s.list.length) {
      var candidate = s.list[s.next];
      s.next += 1;
      var spent = s.spent[candidate.kind] || 0;
      if (spent < BUDGET[candidate.kind]) {
        s.spent[candidate.kind] = spent + 1;
        batch.push(candidate);
      }
    }
    return Promise.all(batch.map(function (c) { return c.result.data(); })).then(function (pages) {
      if (s.run !== latest) { return null; }
      pages.forEach(function (data, index) {
        if (!current(data)) { return; }
        var verdict = s.words.length ? judge(data, s.words) : { tier: 0, hit: null, fields: fields(data) };
        if (verdict) {
          s.found.push({ data: data, tier: verdict.tier, hit: verdict.hit, fields: verdict.fields, score: batch[index].score, order: s.found.length });
        }
      });
      return fill(s, want);
    });
  }

  // The next PAGE results, below those shown (which keep their places); returns the first new one.
  function show(s) {
    return fill(s, s.shown + PAGE).then(function () {
      if (s.run !== latest) { return null; }
      var fresh = s.found.slice(s.shown).sort(function (a, b) { return a.tier - b.tier || b.score - a.score || a.order - b.order; });
      s.found = s.found.slice(0, s.shown).concat(fresh);
      var first = null;
      fresh.slice(0, PAGE).forEach(function (hit) {
        var element = item(hit);
        first = first || element;
        list.appendChild(element);
      });
      s.shown = Math.min(s.found.length, s.shown + PAGE);
      report(s);
      return first;
    });
  }

  function report(s) {
    var rest = s.next < s.list.length || s.shown < s.found.length;
    var what = s.text ? "与“" + s.text + "”相关的" : "符合筛选条件的";
    var narrowed = s.text && Object.keys(s.filters).length ? "（已按所选条件筛选）" : "";
    list.removeAttribute("aria-busy");
    more.hidden = !rest;
    status.replaceChildren();
    if (!s.found.length) {
      status.append("没有找到" + what + "资源" + match.describe(s.words) + narrowed + "。");
      var clear = document.createElement("a");
      clear.href = window.location.pathname;
      clear.textContent = "清除搜索";
      clear.setAttribute("data-search-clear", "");
      clear.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = "";
        bar.querySelectorAll("select").forEach(function (select) { select.value = ""; });
        run("");
        input.focus();
      });
      status.append(clear);
    } else if (rest) {
      status.append("已显示前 " + s.shown + " 个" + what + "结果" + match.describe(s.words) + narrowed + "，还有更多。");
    } else {
      status.append("找到 " + s.found.length + " 个" + what + "结果" + match.describe(s.words) + narrowed + "。");
    }
    box.setAttribute("data-search-done", s.text || "（筛选）");
  }

  function kind(data) {
    var meta = data.meta || {}, filters = data.filters || {};
    if (meta.code !== undefined) {
      return [meta.code].concat(filters["部门"] || [], filters["状态"] || []).join(" · ");
    }
    if (filters["目录"]) { return "下级目录：" + filters["目录"].join("、"); }
    var path = new URL(data.url, window.location.href).pathname;
    if (path.indexOf("/departments/") !== -1) { return "部门"; }
    if (path.indexOf("/bases/") !== -1) { return "法律依据"; }
    return "";
  }

  // Text with the matched form marked: built from text nodes, never parsed as markup.
  function excerpt(element, field, at) {
    var text = field.text, length = at.form.length;
    if (field.norm.length !== text.length) { element.append(clip(text, 0, 120)); return; }
    var start = Math.max(0, at.at - 30), end = Math.min(text.length, at.at + length + 60);
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at.at, at.at + length);
    element.append((start > 0 ? "…" : "") + text.slice(start, at.at), mark, text.slice(at.at + length, end) + (end < text.length ? "…" : ""));
  }

  function clip(text, start, size) {
    return text.slice(start, start + size) + (text.length > start + size ? "…" : "");
  }

  function item(hit) {
    var data = hit.data, meta = data.meta || {};
    var element = document.createElement("li");
    element.className = "catalog-result";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = meta.title || data.url;
    element.appendChild(link);
    var about = kind(data);
    if (about) {
      var line = document.createElement("p");
      line.className = "catalog-result-kind";
      line.textContent = about;
      element.appendChild(line);
    }
    var text = document.createElement("p");
    text.className = "catalog-result-text";
    if (hit.hit && hit.hit.field.name !== "title") {
      text.append(LABEL[hit.hit.field.name]);
      excerpt(text, hit.hit.field, hit.hit.at);
    } else {
      var body = meta.code !== undefined ? meta.summary || "" : (data.content || "");
      var head = (meta.title || "").split("（")[0];  // a member catalog's record: its name, then （目录）
      if (head && body.indexOf(head) === 0) { body = body.slice(head.length).replace(/^[.\s]+/, ""); }
      text.append(clip(body, 0, 120));
    }
    element.appendChild(text);
    return element;
  }

  function drawFilters() {
    return pagefind.filters().then(function (all) {
      var order = function (name) { var at = FILTERS.indexOf(name); return at === -1 ? FILTERS.length : at; };
      Object.keys(all).sort(function (a, b) { return order(a) - order(b) || a.localeCompare(b, "zh"); }).forEach(function (name) {
        var values = Object.keys(all[name]).sort(function (a, b) { return a.localeCompare(b, "zh"); });
        if (!values.length) { return; }
        var label = document.createElement("label");
        var select = document.createElement("select");
        select.setAttribute("data-search-filter", name);
        [""].concat(values).forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value || "全部";
          select.appendChild(option);
        });
        select.addEventListener("change", function () { run(input.value); });
        label.append(name + " ", select);
        bar.appendChild(label);
      });
      bar.hidden = !bar.children.length;
    });
  }

  function start() {
    var bundle = new URL(box.getAttribute("data-bundle"), window.location.href).href;
    return import(bundle + "pagefind.js").then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: new URL("..", bundle).pathname });
    }).then(function () {
      return pagefind.init();
    }).then(function () {
      // A large catalog's index is in parts (pagefind/parts.json), merged here. After a rebuild
      // the pages changed since their part was indexed are in the bundle "revised" as well: their
      // earlier copy in a part is dropped from the results (see current()).
      return fetch(bundle + "parts.json").then(function (response) { return response.ok ? response.json() : {}; }, function () { return {}; });
    }).then(function (listing) {
      var parts = Array.isArray(listing) ? listing : (listing.parts || []);
      revised = new Set((Array.isArray(listing) ? [] : listing.revised || []).map(function (page) {
        return new URL(page, new URL("..", bundle)).pathname;
      }));
      return parts.reduce(function (done, name) {
        return done.then(function () { return pagefind.mergeIndex(bundle + name + "/"); });
      }, Promise.resolve());
    }).then(function () {
      return Promise.all([match.load(site.assets + "abbreviations.json"), drawFilters()]);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typing);
    if (pagefind) { run(input.value); }
  });
  more.addEventListener("click", function () {
    if (!state) { return; }
    show(state).then(function (first) {
      var link = first && first.querySelector("a");
      if (link) { link.focus(); }
    });
  });
  start().then(function () {
    input.addEventListener("input", function () {
      window.clearTimeout(typing);
      typing = window.setTimeout(function () { run(input.value); }, 250);
    });
    var query = new URLSearchParams(window.location.search).get("q") || input.value;  // or typed while loading
    box.setAttribute("data-search-ready", "");
    if (query) {
      input.value = query;
      return run(query);
    }
    return null;
  }, function () {
    status.textContent = "搜索索引未能载入：本站可能未生成搜索索引。可以在部门和清单页面中浏览全部资源。";
  });
})();
