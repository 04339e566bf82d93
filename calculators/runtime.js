// Calculator runtime: the browser twin of runtime.py, fields.py, outputs.py and
// Calculator.evaluate. Hand-written once for all calculators; no formula lives here
// (formulas are compiled from Python by jsgen.py). tests/test_parity_*.py prove the twins agree.
// bundle.py keeps "core", "page" and "end" and only the sections a calculator uses
// ("//@ NAME needs OTHER" pulls OTHER in too), puts define(...) with the calculator's
// compiled logic before "end", and minifies the result (calculators/minify.py, then
// tdewolff-minify). Write arrow functions (the minifier shortens them best), `var`, no let/const,
// template literals or spread; a function using `this` or `arguments` stays a `function`. An arrow
// `var name = (…) => …` is not hoisted: define it above any statement that runs it while the file loads.
// Each calculator file is self-contained: two on one page each set up only their own forms.
(function () {
"use strict";
//@ core
var D = {}, K = {}, P = {}, O = {}, registry = {}, api = window.kbCalc = window.kbCalc || {}, BL = "[ \\t\\r\\n\\u00a0]";
function CalcError(key, message, field) { this.key = key; this.message = message; this.field = field == null ? null : field; }
// the fixed errors: a bug in a calculator, and a result Python could not compute either
var internal = () => { return new CalcError("INTERNAL", D.internal); };
var arithmetic = () => { return new CalcError("ARITHMETIC", D.arithmetic); };
var num = (x) => { if (typeof x !== "number") throw internal(); return x; };
var str = (x) => { if (typeof x !== "string") throw internal(); return x; };
var finite = (x) => { if (!isFinite(x)) throw arithmetic(); return x; };
// display rounding: shortest round-trip digits, half away from zero, never "-0"
var fmtFixed = (v, d) => {
if (typeof v !== "number" || typeof d !== "number" || !Number.isInteger(d) || d < 0 || d > 20) throw internal();
finite(v);
var s = String(Math.abs(v)), e = 0, i = s.indexOf("e"), m = s, dot, shift, keep, out;
if (i >= 0) { m = s.slice(0, i); e = +s.slice(i + 1); }
dot = m.indexOf(".");
if (dot >= 0) { e -= m.length - dot - 1; m = m.slice(0, dot) + m.slice(dot + 1); }
m = m.replace(/^0+/, "") || "0";
if (m === "0") e = 0;
shift = e + d;
if (shift >= 0) out = m + "0".repeat(shift);
else {
keep = m.length + shift;
if (keep < 0) out = "0";
else if (keep === 0) out = m[0] >= "5" ? "1" : "0";
else { out = m.slice(0, keep); if (m[keep] >= "5") out = String(BigInt(out) + 1n); }
}
out = out.replace(/^0+/, "") || "0";
if (d > 0) { out = out.padStart(d + 1, "0"); out = out.slice(0, -d) + "." + out.slice(-d); }
return (v < 0 && /[1-9]/.test(out) ? "-" : "") + out;
};
var isMap = (x) => { return x instanceof Map; };
var isList = (x) => { return Array.isArray(x); };
var hasOwn = (o, k) => { return o != null && Object.prototype.hasOwnProperty.call(o, k); };
var stripBlank = (s) => { return s.replace(new RegExp("^" + BL + "+|" + BL + "+$", "g"), ""); };
var asciiLower = (s) => { return s.replace(/[A-Z]/g, (c) => { return c.toLowerCase(); }); };
var fill = (key, params) => {
return D.templates[key].replace(/\{([a-z_]+)\}/g, (_, name) => { return hasOwn(params, name) ? params[name] : ""; });
};
// "label" is a template parameter here: the bracket keeps its name through the minifier's spec-key renaming
// a field's label is read from the form html.py rendered (label for="kb-CALC-KEY"), not shipped twice
// typed text is quoted at most 60 characters (code points, as in Python) and "…": a 100 KB paste gives a short message
var cut = (s) => { var c = Array.from(s); return c.length > 60 ? c.slice(0, 60).join("") + "\u2026" : s; };
var labelOf = (f) => {
if (f.label == null) f.label = document.querySelector('label[for="kb-' + f.calc + "-" + f.key + '"]').textContent;
return f.label;
};
var fieldError = (f, key, params) => {
params["label"] = labelOf(f);
if (typeof params["text"] === "string") params["text"] = cut(params["text"]);
if (typeof params["unit"] === "string") params["unit"] = cut(params["unit"]);
return new CalcError(key, fill(key, params), f.name);
};
var parseField = (f, raw) => {
var text = typeof raw === "string" ? stripBlank(raw) : "";
if (text === "") {
if (f.default != null) return P[f.kind](f, stripBlank(f.default));
if (f.required) throw fieldError(f, "required", {example: f.example || ""});
return null;
}
return P[f.kind](f, text);
};
var mapGet = (m, k) => { if (!isMap(m)) throw internal(); var v = m.get(k); return v === undefined ? null : v; };
var checkFinite = (x) => {
if (typeof x === "number") finite(x);
else if (isList(x)) x.forEach(checkFinite);
else if (isMap(x)) x.forEach(checkFinite);
};
// keep: also return the raw result (a Map), for scripts that check something against it (bundle.check_js)
var evaluate = (calc, raw, keep) => {
var values = [], errors = {}, result, display = {}, slot;
// an error under a form key ("_": not a field's); anything not a CalcError is a bug in the calculator
var record = (e, key) => { if (!(e instanceof CalcError)) e = internal(); errors[key(e)] = {key: e.key, message: e.message}; };
// the compiled entry takes the fields' values in the fields' order (bundle.py compiles it so)
calc.fields.forEach((f) => {
try { values.push(parseField(f, hasOwn(raw, f.key) ? raw[f.key] : null)); }
catch (e) { record(e, () => { return f.key; }); }
});
if (Object.keys(errors).length) return {errors: errors, display: {}};
try {
result = calc.compute.apply(null, values);
checkFinite(result);
if (!isMap(result)) throw internal();
calc.outputs.forEach((o) => { display[o.name] = O[o.kind](o, mapGet(result, o.name)); });
} catch (e) {
record(e, (e) => { slot = "_"; calc.fields.forEach((f) => { if (f.name === e.field) slot = f.key; }); return slot; });
return {errors: errors, display: {}};
}
return keep ? {errors: {}, display: display, result: result} : {errors: {}, display: display};
};
var define = (name, meta, factory) => {
var sent = [];
meta.compute = factory(K);
meta.fields = meta.fields.map((f) => {
// {"like": i, ...} is field i as sent with the keys given replaced (bundle.py shares repeated specs)
if (f.like != null) f = Object.assign({}, sent[f.like], f, {like: null});
sent.push(f);
// what bundle.py leaves out because it follows from the rest (bundle.sent_field_spec is the twin)
f = Object.assign({}, f, {key: f.name.replace(/_/g, "-"), calc: name});
// a quantity's accepted spellings travel once, as the keys of its factors (in order)
if (f.factors) f.units = Object.keys(f.factors);
if (f.kind === "list" && f.range == null) f.range = f.min_items + "\u2013" + f.max_items + " items";
if ((f.kind === "number" || f.kind === "quantity") && f.accepts == null) f.accepts = (f.integer ? "a whole number " : "") + f.range + (f.example ? ", e.g. " + f.example.slice(7, -1) : "");
return f;
});
registry[name] = meta;
// K: a file check's script (bundle.check_js) runs its compiled functions on this file's helpers
api[name] = {evaluate: (raw) => { return evaluate(meta, raw); }, result: (raw) => { return evaluate(meta, raw, true); }, batch: (raws) => { return raws.map((raw) => { return evaluate(meta, raw); }); }, K: K};
};
api.K = K;
K.CalcError = CalcError; K.fmt_fixed = fmtFixed;
K.dict = (pairs) => { return new Map(pairs); };
//@ K.fmt_number
var fmtNumber = (v, d) => {
var t = fmtFixed(v, d === undefined ? 2 : d);
if (t.indexOf(".") >= 0) t = t.replace(/0+$/, "").replace(/\.$/, "");
return t === "-0" ? "0" : t;
};
K.fmt_number = fmtNumber;
//@ K.iter
var iter = (x) => {
if (isList(x)) return x;
if (typeof x === "string") return Array.from(x);
if (isMap(x)) return Array.from(x.keys());
throw internal();
};
K.iter = iter;
//@ K.eq
var eq = (a, b) => {
if (isList(a) && isList(b)) return a.length === b.length && a.every((x, i) => { return eq(x, b[i]); });
if (isMap(a) && isMap(b)) { if (a.size !== b.size) return false; var ok = true; a.forEach((v, k) => { ok = ok && b.has(k) && eq(v, b.get(k)); }); return ok; }
return a === b;
};
K.eq = eq;
//@ pyStrip
var PY_SPACE = "[ \\t\\n\\r\\x0b\\x0c\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
var pyStrip = (s) => { return str(s).replace(new RegExp("^" + PY_SPACE + "+|" + PY_SPACE + "+$", "g"), ""); };
//@ full
var full = (pattern, text) => { return new RegExp("^(?:" + pattern + ")$").exec(text); };
//@ inRange
var inRange = (f, v) => {
if (!isFinite(v)) return false;
if (f.min != null && (f.exclusive_min ? v <= f.min : v < f.min)) return false;
return f.max == null || v <= f.max;
};
//@ index
var index = (i, n) => {
if (typeof i !== "number" || !Number.isInteger(i)) throw internal();
if (i < 0) i += n;
if (i < 0 || i >= n) throw internal();
return i;
};
//@ divmod
var divmod = (a, b) => {
num(a); num(b);
if (b === 0) throw arithmetic();
var m = a % b, d = (a - m) / b, f;
if (m) { if ((b < 0) !== (m < 0)) { m += b; d -= 1; } } else m = b < 0 ? -0 : 0;
if (d) { f = Math.floor(d); if (d - f > 0.5) f += 1; } else f = a / b < 0 ? -0 : 0;
return [finite(f), m];
};
//@ extreme needs K.iter
var extreme = (args, more) => {
var xs = args.length === 1 ? iter(args[0]) : args, r, i;
if (!xs.length) throw internal();
r = xs[0];
for (i = 1; i < xs.length; i++) { if (typeof xs[i] !== typeof r) throw internal(); if (more ? xs[i] > r : xs[i] < r) r = xs[i]; }
return r;
};
//@ checkText needs full
var checkText = (f, text) => {
if (Array.from(text).length > f.max_length) return "length";
return full(f.pattern, text) ? null : "pattern";
};
//@ numberText
var numberText = (v, d, unit) => { var t = fmtFixed(num(v), d); return unit ? t + " " + unit : t; };
//@ listOf
var listOf = (v) => { if (!isList(v)) throw internal(); return v; };
//@ K.round_half_away
K.round_half_away = (v, d) => { return Number(fmtFixed(v, d)); };
//@ K.index_in
// text helpers the subset lacks (runtime.py has the twins): code points as Python counts them, ASCII only, no exceptions
K.index_in = (t, c) => { var a = Array.from(str(t)), i; if (Array.from(str(c)).length !== 1) return -1; for (i = 0; i < a.length; i++) if (a[i] === c) return i; return -1; };
//@ K.lower_ascii
K.lower_ascii = (t) => { return asciiLower(str(t)); };
//@ K.decimal_number
K.decimal_number = (t) => { return /^[0-9]{1,9}$/.test(str(t)) ? Number(t) : -1; };
//@ K.div
K.div = (a, b) => { num(a); num(b); if (b === 0) throw arithmetic(); return a / b; };
//@ K.fdiv needs divmod
K.fdiv = (a, b) => { return divmod(a, b)[0]; };
//@ K.mod needs divmod
K.mod = (a, b) => { return divmod(a, b)[1]; };
//@ K.pow
K.pow = (a, b) => { num(a); num(b); if (a === 0 && b < 0) throw arithmetic(); var r = Math.pow(a, b); if (r !== r) throw arithmetic(); return finite(r); };
//@ K.sqrt
K.sqrt = (x) => { if (num(x) < 0) throw arithmetic(); return Math.sqrt(x); };
//@ K.log
K.log = (x) => { if (num(x) <= 0) throw arithmetic(); return Math.log(x); };
//@ K.log10
K.log10 = (x) => { if (num(x) <= 0) throw arithmetic(); return Math.log10(x); };
//@ K.exp
K.exp = (x) => { return finite(Math.exp(num(x))); };
//@ K.floor
K.floor = (x) => { return Math.floor(finite(num(x))); };
//@ K.ceil
K.ceil = (x) => { return Math.ceil(finite(num(x))); };
//@ K.len
K.len = (x) => { if (isList(x)) return x.length; if (typeof x === "string") return Array.from(x).length; if (isMap(x)) return x.size; throw internal(); };
//@ K.min needs extreme
K.min = (...xs) => extreme(xs, false);
//@ K.max needs extreme
K.max = (...xs) => extreme(xs, true);
//@ K.int
K.int = (x) => { if (typeof x === "boolean") return x ? 1 : 0; return Math.trunc(finite(num(x))); };
//@ K.float
K.float = (x) => { return num(x); };
//@ K.range
K.range = (a, b, s) => {
if (b === undefined) { b = a; a = 0; }
s = s === undefined ? 1 : s;
[a, b, s].forEach((n) => { if (typeof n !== "number" || !Number.isInteger(n)) throw internal(); });
if (s === 0) throw internal();
for (var r = []; s > 0 ? a < b : a > b; a += s) r.push(a);
return r;
};
//@ K.enumerate needs K.iter
K.enumerate = (xs, start) => { var n = start === undefined ? 0 : start; return iter(xs).map((x, i) => { return [n + i, x]; }); };
//@ K.zip needs K.iter
K.zip = (a, b) => { a = iter(a); b = iter(b); return a.slice(0, Math.min(a.length, b.length)).map((x, i) => { return [x, b[i]]; }); };
//@ K.sorted needs K.iter
K.sorted = (xs) => { return iter(xs).slice().sort((a, b) => { if (typeof a !== typeof b) throw internal(); return a < b ? -1 : a > b ? 1 : 0; }); };
//@ K.list needs K.iter
K.list = (xs) => { return iter(xs).slice(); };
//@ K.append
K.append = (xs, x) => { if (!isList(xs)) throw internal(); xs.push(x); return null; };
//@ K.extend needs K.iter
K.extend = (xs, ys) => { if (!isList(xs)) throw internal(); Array.prototype.push.apply(xs, iter(ys)); return null; };
//@ K.get
K.get = (d, k, dflt) => { if (!isMap(d)) throw internal(); return d.has(k) ? d.get(k) : dflt === undefined ? null : dflt; };
//@ K.keys
K.keys = (d) => { if (!isMap(d)) throw internal(); return Array.from(d.keys()); };
//@ K.values
K.values = (d) => { if (!isMap(d)) throw internal(); return Array.from(d.values()); };
//@ K.items
K.items = (d) => { if (!isMap(d)) throw internal(); return Array.from(d.entries()); };
//@ K.upper
K.upper = (s) => { return str(s).toUpperCase(); };
//@ K.lower
K.lower = (s) => { return str(s).toLowerCase(); };
//@ K.strip needs pyStrip
K.strip = pyStrip;
//@ K.startswith
K.startswith = (s, p) => { return str(s).indexOf(str(p)) === 0; };
//@ K.endswith
K.endswith = (s, p) => { str(s); str(p); return s.length >= p.length && s.slice(s.length - p.length) === p; };
//@ K.replace
K.replace = (s, a, b) => { str(s); str(a); str(b); return a === "" ? b + Array.from(s).join(b) + (s ? b : "") : s.split(a).join(b); };
//@ K.split needs pyStrip
K.split = (s, sep) => {
if (sep === undefined || sep === null) { var t = pyStrip(s); return t ? t.split(new RegExp(PY_SPACE + "+")) : []; }
if (str(sep) === "") throw internal();
return str(s).split(sep);
};
//@ K.join needs K.iter
K.join = (sep, xs) => { xs = iter(xs); xs.forEach(str); return xs.join(str(sep)); };
//@ K.at needs index
K.at = (x, i) => {
if (isMap(x)) { if (!x.has(i)) throw internal(); return x.get(i); }
if (typeof x === "string") { var c = Array.from(x); return c[index(i, c.length)]; }
if (isList(x)) return x[index(i, x.length)];
throw internal();
};
//@ K.setitem needs index
K.setitem = (x, i, v) => {
if (isMap(x)) x.set(i, v);
else if (isList(x)) x[index(i, x.length)] = v;
else throw internal();
};
//@ K.slice
K.slice = (x, a, b) => {
var seq = typeof x === "string" ? Array.from(x) : isList(x) ? x : null, n, lo, hi;
if (!seq) throw internal();
n = seq.length;
var clamp = (i, dflt) => { if (i === null) return dflt; if (!Number.isInteger(i)) throw internal(); if (i < 0) i += n; return Math.max(0, Math.min(n, i)); };
lo = clamp(a, 0); hi = Math.max(lo, clamp(b, n));
return typeof x === "string" ? seq.slice(lo, hi).join("") : seq.slice(lo, hi);
};
//@ K.unpack needs K.iter
K.unpack = (x, n) => { var xs = iter(x); if (xs.length !== n) throw internal(); return xs; };
//@ K.truthy
K.truthy = (x) => {
if (x === null || x === undefined) return false;
if (typeof x === "boolean") return x;
if (typeof x === "number") return x !== 0;
if (typeof x === "string" || isList(x)) return x.length > 0;
if (isMap(x)) return x.size > 0;
return true;
};
//@ K.contains needs K.eq
K.contains = (c, x) => {
if (isList(c)) return c.some((y) => { return eq(x, y); });
if (typeof c === "string") return c.indexOf(str(x)) >= 0;
if (isMap(c)) return c.has(x);
throw internal();
};
//@ K.add
K.add = (a, b) => {
if (typeof a === "number" && typeof b === "number") return a + b;
if (typeof a === "string" && typeof b === "string") return a + b;
if (isList(a) && isList(b)) return a.concat(b);
throw internal();
};
//@ K.istr needs K.fmt_d
K.istr = (x) => { return typeof x === "string" ? x : K.fmt_d(x); };
//@ K.fmt_d
// f"{x:d}" and f"{x:s}", the specs calculators use most: the general formatter's answer for them, without its parser
// a whole number within ±(2**53 − 1), as Python's int is exact only there in JavaScript
K.fmt_d = (x) => { if (!Number.isSafeInteger(x)) throw internal(); return String(x); };
//@ K.fmt_s
K.fmt_s = str;
//@ K.fmt needs K.fmt_d
K.fmt = (x, spec) => {
var m = /^(?:([\s\S])?([<>^]))?(0)?([0-9]+)?([ds])?$/.exec(spec), isNum = typeof x === "number";
var fillChar = m[1], align = m[2], width = +(m[4] || 0), type = m[5], s, sign, pad, left;
if (type === "d" || (!type && isNum)) K.fmt_d(x);
else str(x);
s = isNum ? String(Math.abs(x)) : x;
sign = isNum && x < 0 ? "-" : "";
if (m[3] && !fillChar) fillChar = "0";
fillChar = fillChar || " ";
if (!align) align = m[3] && isNum ? "=" : isNum ? ">" : "<";
pad = width - Array.from(sign + s).length;
if (pad <= 0) return sign + s;
if (align === "=") return sign + fillChar.repeat(pad) + s;
if (align === "<") return sign + s + fillChar.repeat(pad);
if (align === ">") return fillChar.repeat(pad) + sign + s;
left = Math.floor(pad / 2);
return fillChar.repeat(left) + sign + s + fillChar.repeat(pad - left);
};
//@ parse.number needs parse.isNumber inRange
P.number = (f, text) => {
var v;
if (f.integer) {
if (!/^[+-]?[0-9]+$/.test(text)) throw fieldError(f, P.isNumber(text) ? "integer" : "number", {text: text, range: f.range, accepts: f.accepts});
} else if (!P.isNumber(text)) throw fieldError(f, "number", {text: text, accepts: f.accepts});
v = Number(text);
if (!inRange(f, v)) throw fieldError(f, "range", {text: text, range: f.range});
return v;
};
//@ parse.isNumber
P.isNumber = (text) => { return /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text); };
//@ parse.quantity needs full inRange
P.quantity = (f, text) => {
text = text.replace(/\u2212/g, "-");
var key = asciiLower(text.replace(/[ \t\r\n\u00a0]+/g, "")), rewritten = text, m, g, spelling, magnitude, v, rewrites = f.rewrites || [], known = null, dimension;
if (hasOwn(f.aliases, key)) return f.aliases[key];
// the first rewrite whose pattern matches the whole text makes the text to read
rewrites.some((r) => { g = full(r[0], text); if (g) rewritten = r[1].replace(/\{([0-9])\}/g, (_, n) => { return g[+n] || ""; }); return g; });
m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[ \t\u00a0]*([\s\S]*)$/.exec(rewritten);
if (!m) throw fieldError(f, "number", {text: text, accepts: f.accepts});
magnitude = Number(m[1]);
spelling = stripBlank(m[2]) || f.units[0];
if (f.units.indexOf(spelling) < 0) {
// D.vocabulary is {dimension: [spellings]}: every spelling any calculator accepts
for (dimension in D.vocabulary) if (D.vocabulary[dimension].indexOf(spelling) >= 0) known = dimension;
if (known !== null && known !== f.dimension) throw fieldError(f, "dimension", {text: text, dimension: f.dimension_word, examples: f.examples});
throw fieldError(f, "unit", {text: text, unit: spelling, accepted: f.units.join(", ")});
}
// an infinite magnitude (1e999) makes v infinite or NaN, which inRange refuses: the range message, as in Python
v = magnitude * f.factors[spelling];
if (!inRange(f, v)) throw fieldError(f, "range", {text: text, range: f.range});
return v;
};
//@ parse.choice
P.choice = (f, text) => {
var wanted = asciiLower(text);
if (f.choices.indexOf(wanted) >= 0) return wanted;
// bundle.py sends the accepted text only when it is not the values joined by ", "
throw fieldError(f, "choice", {text: text, accepted: f.accepted != null ? f.accepted : f.choices.join(", ")});
};
//@ parse.boolean
P.boolean = (f, text) => {
var w = asciiLower(text), d = D;
if (d.true_words.indexOf(w) >= 0) return true;
if (d.false_words.indexOf(w) >= 0) return false;
throw fieldError(f, "boolean", {text: text});
};
//@ parse.text needs checkText
P.text = (f, text) => {
var problem = checkText(f, text);
if (problem === "length") throw fieldError(f, "length", {limit: String(f.max_length)});
if (problem) throw fieldError(f, "pattern", {text: text, hint: f.hint});
return text;
};
//@ parse.list needs checkText inRange
P.list = (f, text) => {
var parts = text.split(/[ ,\t\r\n\u00a0]+/).filter((p) => { return p !== ""; }), values = [], seen = {}, it = f.item;
parts.forEach((part) => {
var v;
if (it.kind === "text") { if (checkText(it, part) !== null) throw fieldError(f, "item", {text: part, hint: f.hint}); v = part; }
else { if (!/^[+-]?[0-9]+$/.test(part) || !inRange(it, Number(part))) throw fieldError(f, "item", {text: part, hint: f.hint}); v = Number(part); }
// a lookup object, not indexOf: 150,000 names must not freeze the page (the key keeps 1 and "1" apart)
if (f.unique) { if (hasOwn(seen, typeof v + v)) throw fieldError(f, "duplicate", {text: part}); seen[typeof v + v] = 1; }
values.push(v);
});
if (values.length < f.min_items || values.length > f.max_items) throw fieldError(f, "items", {count: values.length + " item" + (values.length === 1 ? "" : "s"), range: f.range});
return values;
};
//@ out.number needs numberText
O.number = (o, v) => { return v === null ? null : numberText(v, o.decimals, o.unit); };
//@ out.text
O.text = (o, v) => { return v === null || v === "" ? null : str(v); };
//@ out.list needs listOf
O.list = (o, v) => { if (v === null) return null; var r = listOf(v).map(str); return r.length ? r : null; };
//@ out.table needs numberText listOf
O.table = (o, v) => {
if (v === null) return null;
var rows = listOf(v).map((row) => {
return o.columns.map((c) => { var cell = mapGet(row, c.key); return cell === null ? "" : c.decimals == null ? str(cell) : numberText(cell, c.decimals, c.unit); });
});
return rows.length ? rows : null;
};
//@ out.messages needs listOf
O.messages = (o, v) => { if (v === null) return null; var r = listOf(v).map((m) => { return [str(mapGet(m, "code")), str(mapGet(m, "text"))]; }); return r.length ? r : null; };
//@ page
// a new element, appended to parent (when not null), with its class (when not 0) and text (when given)
var el = (tag, parent, cls, text) => { var n = document.createElement(tag); if (cls) n.className = cls; if (text != null) n.textContent = text; if (parent) parent.appendChild(n); return n; };
var attr = (n, name, value) => { n.setAttribute(name, value); };
var on = (n, type, listener) => { n.addEventListener(type, listener); };
var renderDisplay = (calc, box, outcome) => {
box.textContent = "";
if (outcome.errors._) el("p", box, "kb-calc-error", outcome.errors._.message);
calc.outputs.forEach((o) => {
var v = outcome.display[o.name], kind = o.kind, sec, t, body;
if (v == null) return;
sec = el("div", null, "kb-calc-out");
attr(sec, "data-kb-output", o.name);
if (kind === "number" || kind === "text") { el("span", sec, "kb-calc-label", o.label + ": "); el("strong", sec, 0, v); }
else {
el("p", sec, "kb-calc-label", o.label);
if (kind === "table") {
// a wide table scrolls inside its own box, reachable by keyboard (html.py scroll_box is the twin)
t = el("div", sec, "kb-scroll");
attr(t, "tabindex", "0"); attr(t, "role", "region"); attr(t, "aria-label", o.label);
t = el("table", t, "kb-calc-table");
body = el("tr", el("thead", t));
o.columns.forEach((c) => { el("th", body, 0, c.unit ? c.label + " (" + c.unit + ")" : c.label); });
body = el("tbody", t);
v.forEach((row) => { var r = el("tr", body); row.forEach((cell) => { el("td", r, 0, cell); }); });
} else if (o.style === "commands") el("code", el("pre", sec), 0, v.join("\n"));
else {
t = el("ul", sec);
v.forEach((item) => {
var li = el("li", t, 0, kind === "messages" ? item[1] : item);
if (kind === "messages") attr(li, "data-kb-code", item[0]);
});
}
}
box.appendChild(sec);
});
};
// the key answer (html.py key_spec): one line per number/text output, one per table row
var keyLines = (config, display) => {
var lines = [];
(config.key || []).forEach((k) => {
var v = display[k.output];
if (v == null) return;
if (!isList(v)) { lines.push(k["heading"] + ": " + v); return; }
v.slice(0, k.rows).forEach((row) => {
lines.push(k.parts.map((p) => { return p[1].replace("{}", row[p[0]]); }).join(" "));
});
if (v.length > k.rows) lines.push("\u2026");
});
return lines;
};
// the local date as YYYY-MM-DD: the clock shifted by the time zone's offset, read as UTC
var today = () => { var d = new Date(); return new Date(d - d.getTimezoneOffset() * 6e4).toISOString().slice(0, 10); };
var setup = (root) => {
var q = (name) => { return root.querySelector("[data-kb-" + name + "]"); };
var config = JSON.parse(root.querySelector("script.kb-calc-config").textContent), calc = registry[config.calculator];
if (!calc || root.getAttribute("data-kb-ready")) return;
attr(root, "data-kb-ready", "1");
var form = root.querySelector("form"), box = q("results"), preset = q("preset"), banner = q("banner"), keySide = q("key"), keyBar = q("key-bar");
var printout = q("printout"), copied = q("copied"), fields = calc.fields, query = new URLSearchParams(location.search), initial = {}, valid = false;
var input = (f) => { return form.elements[f.key]; };
var read = (f) => { var i = input(f); return i.type === "checkbox" ? (i.checked ? "yes" : "no") : i.value; };
var value = (f) => { return stripBlank(read(f)); };
var write = (f, text) => {
var i = input(f);
if (i.type === "checkbox") { i.checked = D.true_words.indexOf(asciiLower(stripBlank(text))) >= 0; return; }
if (i.tagName === "SELECT" && !Array.from(i.options).some((x) => { return x.value === text; })) el("option", i, 0, text).value = text;
i.value = text;
};
// the link: this page's URL as it is now (other calculators and snippets keep their keys), with
// only this form's values that differ from the page's own (preset and directive values), and its anchor
var link = () => {
var url = new URL(location.href);
fields.forEach((f) => { var v = value(f); if (v !== initial[f.key]) url.searchParams.set(f.key, v); else url.searchParams.delete(f.key); });
url.hash = root.id;
return url.href;
};
var keepLink = (href) => { try { history.replaceState(history.state, "", href); } catch (err) { attr(root, "data-kb-url", href); } };
var showKey = (lines) => {
keySide.textContent = "";
lines.forEach((line) => { el("div", keySide, 0, line); });
keyBar.textContent = lines.join(" \u00b7 ");
};
var showBanner = (outcome) => {
var errors = outcome.errors, bad = fields.filter((f) => { return errors[f.key]; }), p, sig = JSON.stringify([valid, errors]);
var which = bad.length === 1 ? "this field" : "these fields";
// unchanged errors keep the banner's nodes: a click on a link there may be the change that re-ran update
if (sig === banner.getAttribute("data-kb-sig")) return;
attr(banner, "data-kb-sig", sig);
banner.textContent = "";
banner.classList.toggle("kb-on", bad.length > 0 || !!errors._);
if (!bad.length && !errors._) return;
p = el("p", banner, 0, valid ? "Not updated: fix " + which + ". The results below are from the last valid values." : "Fix " + which + " to see results.");
if (!bad.length) { p.textContent = (valid ? "Not updated: " : "") + errors._.message; return; }
p = el("ul", banner);
bad.forEach((f) => {
var item = el("li", p), label = labelOf(f), message = errors[f.key].message, a = el("a", item, 0, label);
a.href = "#kb-" + f.calc + "-" + f.key;
on(a, "click", (ev) => { ev.preventDefault(); reveal(f); input(f).focus(); });
item.append(message.indexOf(label) === 0 ? message.slice(label.length) : ": " + message);
});
};
// a field inside a folded group is opened when it needs the reader
var reveal = (f) => { var d = input(f).closest("details"); if (d) d.open = true; };
var summaries = () => {
form.querySelectorAll("details.kb-calc-more").forEach((d) => {
var parts = [];
fields.forEach((f) => { if (d.contains(input(f))) parts.push(labelOf(f) + " " + (value(f) || "\u2014")); });
d.querySelector("[data-kb-summary]").textContent = parts.join(" \u00b7 ");
});
};
var fillPrintout = () => {
var p, given = [], href = link();
fields.forEach((f) => { var v = value(f); if (v) given.push(labelOf(f) + " " + v); });
printout.textContent = "";
p = el("p", printout);
el("strong", p, 0, "Printed with these values on " + today() + ": ");
p.append(given.join("; "));
el("a", el("p", printout, 0, "Reopen them: "), 0, href).href = href;
if (!valid) el("p", printout, "kb-calc-error", "These values have an error; no results.");
else {
// a copy for paper: no live-region or test hooks twice on the page
p = printout.appendChild(box.cloneNode(true));
p.removeAttribute("data-kb-results");
p.querySelectorAll("[data-kb-output]").forEach((n) => { n.removeAttribute("data-kb-output"); });
}
};
var update = (remember) => {
var raw = {}, outcome, errors, bad;
fields.forEach((f) => { raw[f.key] = read(f); });
outcome = evaluate(calc, raw);
errors = outcome.errors;
fields.forEach((f) => {
var e = errors[f.key];
q('error="' + f.key + '"').textContent = e ? e.message : "";
attr(input(f), "aria-invalid", e ? "true" : "false");
if (e && !remember) reveal(f);
});
showBanner(outcome);
// never blank: bad input keeps the last valid results, dimmed, under the banner
bad = Object.keys(errors).length > 0;
if (!bad) { valid = true; renderDisplay(calc, box, outcome); showKey(keyLines(config, outcome.display)); }
else if (!valid) renderDisplay(calc, box, outcome);
root.classList.toggle("kb-stale", bad);
summaries();
fillPrintout();
if (remember) keepLink(link());
};
var changed = (ev) => { if (ev.target !== preset) update(true); };
fields.forEach((f) => { initial[f.key] = value(f); });
fields.forEach((f) => { if (query.has(f.key)) write(f, query.get(f.key)); });
if (preset) on(preset, "change", () => {
// the last preset of that name, as the declaration order has it (none: every field back to its default)
var chosen = (calc.presets || []).filter((p) => { return p.name === preset.value; }).pop();
fields.forEach((f) => { write(f, chosen && hasOwn(chosen.values, f.name) ? chosen.values[f.name] : f.default || ""); });
update(true);
});
on(form, "input", changed);
on(form, "change", changed);
on(form, "submit", (ev) => { ev.preventDefault(); });
q("copy-link").addEventListener("click", () => {
var href = link(), done = (text) => { copied.textContent = text; }, manual = () => { done("Copy this link: " + href); };
keepLink(href);
if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(href).then(() => { done("Link copied."); }, manual);
else manual();
});
on(window, "beforeprint", fillPrintout);
form.hidden = false;
root.classList.add("kb-js");
update(false);
};
var init = () => { document.querySelectorAll("[data-kb-calc]").forEach(setup); };
on(document, "DOMContentLoaded", init);
//@ end
if (document.readyState !== "loading") init();
})();
