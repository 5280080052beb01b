/* The one rule by which the site search (search.js) and the lists' filter bars (filter.js) decide
   whether a text matches what the reader typed.

   The query is split at spaces into words; a text matches when every word occurs in it as one
   contiguous string, either as typed or as a full form of the common abbreviation it contains
   (abbreviations.json: “社保” also finds 社会保险 and 社会保障, “社保卡” also 社会保障卡). A word is
   expanded by the longest entry it contains (an entry without full forms keeps it as typed), and
   not when it already holds a full form; from abbreviation to full form only. Letter
   case, full-width letters and digits, and “-” for the “/” of a resource code do not matter.
   Whitespace in a text separates its fields (a word never spans two data items).
   No outside requests: the word list is a file of this site. */
(function () {
  "use strict";

  var table = {};
  var keys = [];
  var loading = null;

  function normalize(text) {
    return String(text === null || text === undefined ? "" : text).normalize("NFKC").toLowerCase().replace(/-/g, "/");
  }

  function use(entries) {
    table = {};
    Object.keys(entries).forEach(function (key) {
      var forms = Array.isArray(entries[key]) ? entries[key] : [];
      // An entry with no full form keeps the words holding it as typed (工商户 is not 工商 expanded).
      var full = forms.map(normalize).filter(function (form) { return form && form.indexOf(" ") === -1; });
      if (normalize(key)) { table[normalize(key)] = full; }
    });
    keys = Object.keys(table).sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); });
  }

  // The word list (abbreviations.json, {"简称": {简称: [全称, …]}}), fetched once. Without it the
  // rule still works, with the words as typed.
  function load(url) {
    if (!loading) {
      loading = fetch(url).then(function (response) {
        return response.ok ? response.json() : {};
      }).then(function (data) { use((data && data["简称"]) || {}); }, function () { use({}); });
    }
    return loading;
  }

  // One word of the query: what was typed, the abbreviation it contains (or ""), every form to look
  // for. A word that already holds a full form of the abbreviation (住房公积金) is not expanded.
  function expand(word) {
    for (var i = 0; i < keys.length; i += 1) {
      if (word.indexOf(keys[i]) !== -1) {
        if (table[keys[i]].some(function (full) { return word.indexOf(full) !== -1; })) { break; }
        var forms = [word];
        table[keys[i]].forEach(function (full) {
          var form = word.split(keys[i]).join(full);
          if (forms.indexOf(form) === -1) { forms.push(form); }
        });
        return { word: word, key: keys[i], forms: forms };
      }
    }
    return { word: word, key: "", forms: [word] };
  }

  // The query as words, each with its forms. Quotation marks are dropped: every word is matched
  // as a whole anyway.
  function query(text) {
    var words = [];
    normalize(text).replace(/["'“”‘’「」『』]/g, " ").split(/\s+/).forEach(function (word) {
      if (word && words.indexOf(word) === -1) { words.push(word); }
    });
    return words.map(expand);
  }

  // Where ``word`` first occurs in the (normalized) ``text``: {form, at}, or null.
  function find(text, word) {
    var best = null;
    word.forms.forEach(function (form) {
      var at = text.indexOf(form);
      if (at !== -1 && (best === null || at < best.at)) { best = { form: form, at: at }; }
    });
    return best;
  }

  function matches(text, words) {
    return words.every(function (word) { return find(text, word) !== null; });
  }

  // “（含“社会保险”“社会保障”）”: the full forms searched besides the words as typed.
  function describe(words) {
    var extra = [];
    words.forEach(function (word) {
      word.forms.slice(1).forEach(function (form) { extra.push("“" + form + "”"); });
    });
    return extra.length ? "（含全称" + extra.join("") + "）" : "";
  }

  window.catalogMatch = { load: load, use: use, normalize: normalize, query: query, find: find, matches: matches, describe: describe };
})();
