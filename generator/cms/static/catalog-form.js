/*
 * The submission form's additions to Decap CMS, then Decap's start.
 *
 * - format "catalog-yaml": resource files read and written in the project's own layout
 *   (catalog-yaml.js, the port of generator/load/yamlwrite.py), so a pull request's diff shows only what
 *   the clerk changed; fields nobody filled in (empty text, empty lists) are left out;
 * - format "catalog-list": legal_bases.yaml, a top-level list, shown to Decap as {entries: [...]};
 *   read-only, the bureau maintains it in the repository;
 * - widget "catalog-readonly": shows a value the clerk cannot change (status, code in the delisting form);
 * - on saving in a delisting form (下线申请), status 在用 becomes 公示中 — the only way the form changes it.
 *
 * window.CATALOG_FORM (form-settings.js, generated) holds the schema's key order and the names of
 * the delisting collections.
 */
(function () {
  "use strict";
  var CMS = window.CMS;
  var settings = window.CATALOG_FORM;
  var Y = window.CatalogYaml;
  var write = Y.writer(settings.keyOrder);

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  CMS.registerCustomFormat("catalog-yaml", "yaml", {
    fromFile: function (content) {
      var data = Y.read(content);
      return isMapping(data) ? data : {};
    },
    toFile: function (data) {
      return write(Y.prune(data));
    },
  });

  CMS.registerCustomFormat("catalog-list", "yaml", {
    fromFile: function (content) {
      var data = Y.read(content);
      return { entries: Array.isArray(data) ? data : [] };
    },
    toFile: function () {
      throw new Error("法律依据代码表由主管部门在仓库中维护，不能通过表单修改");
    },
  });

  function shown(value) {
    var plain = value && typeof value.toJS === "function" ? value.toJS() : value;
    if (plain === undefined || plain === null || plain === "") return "（未填写）";
    if (plain === true) return "是";
    if (plain === false) return "否";
    if (Array.isArray(plain)) return plain.length ? plain.join("、") : "（无）";
    return String(plain);
  }

  var h = window.h;
  var Readonly = window.createClass({
    render: function () {
      return h("div", { id: this.props.forID, className: this.props.classNameWrapper, "data-readonly": "true" },
        shown(this.props.value));
    },
  });
  var ReadonlyPreview = window.createClass({
    render: function () {
      return h("div", {}, shown(this.props.value));
    },
  });
  CMS.registerWidget("catalog-readonly", Readonly, ReadonlyPreview);

  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var entry = args.entry;
      if (settings.delisting.indexOf(entry.get("collection")) < 0) return undefined;
      var data = entry.get("data");
      if (data.get("status") === settings.active) return data.set("status", settings.notice);
      return undefined;
    },
  });

  CMS.init();
})();
