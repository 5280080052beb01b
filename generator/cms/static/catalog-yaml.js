/*
 * The catalog's YAML, read and written in the browser exactly as the Python side does.
 *
 * write(data, keyOrder) is a line-for-line port of generator/load/yamlwrite.py (dump_resource): keys in
 * the schema's order (unknown keys last, sorted), nested mappings and the list of 信息项 in block
 * style, lists of scalars as flow lists, a string plain when PyYAML reads it back as the same
 * string, otherwise double-quoted as PyYAML's emitter quotes it. read(text) parses with js-yaml
 * using PyYAML's YAML 1.1 implicit types (yes/no are booleans, 0771 is octal) except timestamps,
 * which stay text, as in generator/load/yamlfile.py. tests/test_cms_yaml.py runs both against the
 * Python implementation, byte for byte.
 *
 * Works as a browser script (window.CatalogYaml, needs window.jsyaml) and as a Node module.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
  } else {
    root.CatalogYaml = factory(root.jsyaml);
  }
})(typeof self !== "undefined" ? self : this, function (jsyaml) {
  "use strict";

  // ---- PyYAML's implicit resolvers (yaml/resolver.py), by first character ----
  var RESOLVERS = [
    ["bool", "yYnNtTfFoO", /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
    ["float", "-+0123456789.", /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/],
    ["int", "-+0123456789", /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/],
    ["merge", "<", /^(?:<<)$/],
    ["null", "~nN", /^(?:~|null|Null|NULL|)$/],
    ["timestamp", "0123456789", /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/],
    ["value", "=", /^(?:=)$/],
    ["yaml", "!&*", /^(?:!|&|\*)$/],
  ];

  /** The tag PyYAML's resolver gives a plain scalar ("str" when no implicit type matches). */
  function resolve(text) {
    var first = text === "" ? "" : text.charAt(0);
    for (var i = 0; i < RESOLVERS.length; i++) {
      var r = RESOLVERS[i];
      var applies = first === "" ? r[0] === "null" : r[1].indexOf(first) >= 0;
      if (applies && r[2].test(text)) return r[0];
    }
    return "str";
  }

  // ---- Writer: generator/load/yamlwrite.py ----
  var SPACE = "\0 \t\r\n\u0085\u2028\u2029";
  var BREAKS = "\n\u0085\u2028\u2029";

  function chars(text) {
    return Array.from(text);
  }

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** PyYAML's Emitter.analyze_scalar, with allow_unicode=True: can ``text`` be written plain? */
  function analyze(text) {
    if (!text) return { flowPlain: false, blockPlain: true, multiline: false };
    var cs = chars(text);
    var blockIndicators = false, flowIndicators = false, lineBreaks = false, special = false;
    var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
    var breakSpace = false, spaceBreak = false;
    if (text.indexOf("---") === 0 || text.indexOf("...") === 0) {
      blockIndicators = flowIndicators = true;
    }
    var precededByWhitespace = true;
    var followedByWhitespace = cs.length === 1 || SPACE.indexOf(cs[1]) >= 0;
    var previousSpace = false, previousBreak = false;
    for (var index = 0; index < cs.length; index++) {
      var ch = cs[index];
      if (index === 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) flowIndicators = blockIndicators = true;
        if (ch === "?" || ch === ":") {
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
        }
        if (ch === "-" && followedByWhitespace) flowIndicators = blockIndicators = true;
      } else {
        if (",?[]{}".indexOf(ch) >= 0) flowIndicators = true;
        if (ch === ":") {
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
        }
        if (ch === "#" && precededByWhitespace) flowIndicators = blockIndicators = true;
      }
      if (BREAKS.indexOf(ch) >= 0) lineBreaks = true;
      var code = ch.codePointAt(0);
      if (!(ch === "\n" || (code >= 0x20 && code <= 0x7e))) {
        var unicode = (code === 0x85 || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) ||
          (code >= 0x10000 && code < 0x10ffff)) && code !== 0xfeff;
        if (!unicode) special = true;
      }
      if (ch === " ") {
        if (index === 0) leadingSpace = true;
        if (index === cs.length - 1) trailingSpace = true;
        if (previousBreak) breakSpace = true;
        previousSpace = true;
        previousBreak = false;
      } else if (BREAKS.indexOf(ch) >= 0) {
        if (index === 0) leadingBreak = true;
        if (index === cs.length - 1) trailingBreak = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = previousBreak = false;
      }
      precededByWhitespace = SPACE.indexOf(ch) >= 0;
      followedByWhitespace = index + 2 >= cs.length || SPACE.indexOf(cs[index + 2]) >= 0;
    }
    var flowPlain = true, blockPlain = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
    if (breakSpace) flowPlain = blockPlain = false;
    if (spaceBreak || special) flowPlain = blockPlain = false;
    if (lineBreaks) flowPlain = blockPlain = false;
    if (flowIndicators) flowPlain = false;
    if (blockIndicators) blockPlain = false;
    return { flowPlain: flowPlain, blockPlain: blockPlain, multiline: lineBreaks };
  }

  var ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f", "\r": "r",
    "\x1b": "e", '"': '"', "\\": "\\", "\u0085": "N", "\u00a0": "_", "\u2028": "L", "\u2029": "P",
  };

  function hex(code, width) {
    var digits = code.toString(16).toUpperCase();
    while (digits.length < width) digits = "0" + digits;
    return digits;
  }

  /** PyYAML's Emitter.write_double_quoted with allow_unicode=True and no line width. */
  function doubleQuoted(text) {
    var out = '"';
    chars(text).forEach(function (ch) {
      var code = ch.codePointAt(0);
      var keep = '"\\\u0085\u2028\u2029\ufeff'.indexOf(ch) < 0 &&
        ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd));
      if (keep) {
        out += ch;
      } else if (Object.prototype.hasOwnProperty.call(ESCAPES, ch)) {
        out += "\\" + ESCAPES[ch];
      } else if (code <= 0xff) {
        out += "\\x" + hex(code, 2);
      } else if (code <= 0xffff) {
        out += "\\u" + hex(code, 4);
      } else {
        out += "\\U" + hex(code, 8);
      }
    });
    return out + '"';
  }

  function plainOk(text, block) {
    var analysis = analyze(text);
    var allowed = block ? analysis.blockPlain : analysis.flowPlain;
    if (!allowed || analysis.multiline) return false;
    var tag = resolve(text);
    return tag === "str" || tag === "timestamp";
  }

  /** Python's repr() of a float (shortest round-trip digits, Python's exponent style). */
  function floatRepr(value) {
    if (value !== value) return "nan";
    if (value === Infinity) return "inf";
    if (value === -Infinity) return "-inf";
    var parts = value.toExponential().split("e");
    var digits = parts[0].replace("-", "").replace(".", "");
    var exponent = parseInt(parts[1], 10);
    var sign = value < 0 || Object.is(value, -0) ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      var mantissa = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String(Math.abs(exponent)).padStart(2, "0");
    }
    var text;
    if (exponent < 0) {
      text = "0." + "0".repeat(-exponent - 1) + digits;
    } else if (digits.length <= exponent + 1) {
      text = digits + "0".repeat(exponent + 1 - digits.length) + ".0";
    } else {
      text = digits.slice(0, exponent + 1) + "." + digits.slice(exponent + 1);
    }
    return sign + text;
  }

  /** One scalar: plain if it reads back as itself, else double-quoted (yamlwrite.scalar). */
  function scalar(value, block) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : floatRepr(value);
    var text = String(value);
    if (text && plainOk(text, block)) return text;
    return doubleQuoted(text);
  }

  /** Python's ordering of str: by code point (JavaScript's < compares UTF-16 units). */
  function comparePoints(a, b) {
    var x = chars(a), y = chars(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) return d;
    }
    return x.length - y.length;
  }

  function writer(keyOrder) {
    var known = Object.keys(keyOrder).length + 1;

    function sortedKeys(mapping, prefix) {
      return Object.keys(mapping).sort(function (a, b) {
        var pa = keyOrder[prefix + a], pb = keyOrder[prefix + b];
        var ra = pa === undefined ? known : pa, rb = pb === undefined ? known : pb;
        if (ra !== rb) return ra - rb;
        return comparePoints(pa === undefined ? a : "", pb === undefined ? b : "");
      });
    }

    function key(name) {
      return scalar(name, true);
    }

    function inline(value, path, block) {
      if (isMapping(value)) {
        var prefix = path.slice(-1) === "." ? path : path + ".";
        return "{" + sortedKeys(value, prefix).map(function (k) {
          return key(k) + ": " + inline(value[k], prefix + k, false);
        }).join(", ") + "}";
      }
      if (Array.isArray(value)) {
        return "[" + value.map(function (item) { return inline(item, path, false); }).join(", ") + "]";
      }
      return scalar(value, block);
    }

    function field(name, value, path, indent) {
      var pad = " ".repeat(indent);
      if (isMapping(value) && Object.keys(value).length) {
        var lines = [pad + key(name) + ":"];
        sortedKeys(value, path + ".").forEach(function (sub) {
          lines.push.apply(lines, field(sub, value[sub], path + "." + sub, indent + 2));
        });
        return lines;
      }
      if (Array.isArray(value) && value.length && value.some(function (v) { return v !== null && typeof v === "object"; })) {
        var out = [pad + key(name) + ":"];
        value.forEach(function (item) {
          if (isMapping(item) && Object.keys(item).length) {
            var entry = [];
            sortedKeys(item, path + ".").forEach(function (sub) {
              entry.push.apply(entry, field(sub, item[sub], path + "." + sub, indent + 4));
            });
            entry[0] = pad + "  - " + entry[0].replace(/^ +/, "");
            out.push.apply(out, entry);
          } else {
            out.push(pad + "  - " + inline(item, path, false));
          }
        });
        return out;
      }
      return [pad + key(name) + ": " + inline(value, path, true)];
    }

    return function write(data) {
      var lines = [];
      sortedKeys(data, "").forEach(function (name) {
        lines.push.apply(lines, field(name, data[name], name, 0));
      });
      return lines.join("\n") + "\n";
    };
  }

  /** ``value`` without what a form leaves behind for a field nobody filled in: null, "", [], {}. */
  function prune(value) {
    if (Array.isArray(value)) {
      return value.map(prune).filter(function (v) { return !empty(v); });
    }
    if (isMapping(value)) {
      var kept = {};
      Object.keys(value).forEach(function (k) {
        var v = prune(value[k]);
        if (!empty(v)) kept[k] = v;
      });
      return kept;
    }
    return value;
  }

  function empty(value) {
    if (value === null || value === undefined || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    if (isMapping(value)) return Object.keys(value).length === 0;
    return false;
  }

  // ---- Reader: js-yaml with PyYAML's implicit types, timestamps kept as text ----
  function schema() {
    if (!jsyaml) return null;
    var nullType = new jsyaml.Type("tag:yaml.org,2002:null", {
      kind: "scalar",
      resolve: function (data) { return resolve(data) === "null"; },
      construct: function () { return null; },
    });
    var boolType = new jsyaml.Type("tag:yaml.org,2002:bool", {
      kind: "scalar",
      resolve: function (data) { return resolve(data) === "bool"; },
      construct: function (data) { return /^(?:yes|true|on)$/i.test(data); },
    });
    var intType = new jsyaml.Type("tag:yaml.org,2002:int", {
      kind: "scalar",
      resolve: function (data) { return resolve(data) === "int"; },
      construct: constructInt,
    });
    var floatType = new jsyaml.Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: function (data) { return resolve(data) === "float"; },
      construct: constructFloat,
    });
    return jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });
  }

  function sexagesimal(digits) {
    var value = 0, base = 1;
    digits.split(":").map(Number).reverse().forEach(function (part) {
      value += part * base;
      base *= 60;
    });
    return value;
  }

  /** PyYAML's SafeConstructor.construct_yaml_int. */
  function constructInt(data) {
    var value = data.replace(/_/g, "");
    var sign = 1;
    if (value[0] === "-") sign = -1;
    if (value[0] === "-" || value[0] === "+") value = value.slice(1);
    if (value === "0") return 0;
    if (value.indexOf("0b") === 0) return sign * parseInt(value.slice(2), 2);
    if (value.indexOf("0x") === 0) return sign * parseInt(value.slice(2), 16);
    if (value[0] === "0") return sign * parseInt(value, 8);
    if (value.indexOf(":") >= 0) return sign * sexagesimal(value);
    return sign * parseInt(value, 10);
  }

  /** PyYAML's SafeConstructor.construct_yaml_float. */
  function constructFloat(data) {
    var value = data.replace(/_/g, "").toLowerCase();
    var sign = 1;
    if (value[0] === "-") sign = -1;
    if (value[0] === "-" || value[0] === "+") value = value.slice(1);
    if (value === ".inf") return sign * Infinity;
    if (value === ".nan") return NaN;
    if (value.indexOf(":") >= 0) return sign * sexagesimal(value);
    return sign * parseFloat(value);
  }

  var SCHEMA = schema();

  function read(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return jsyaml.load(text, { schema: SCHEMA });
  }

  return { write: function (data, keyOrder) { return writer(keyOrder)(data); }, writer: writer, read: read,
    prune: prune, scalar: scalar, resolve: resolve };
});
