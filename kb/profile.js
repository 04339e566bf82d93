/* The reader's profile in the browser (the logic of names and checks: kb/profile.py).
 *
 * localStorage["kb-profile"] holds {"values": {"<public name>": "<text>"}}; a public name is a field
 * key or a snippet variable name with "_" written "-". On every page the values fill the
 * calculators' and snippets' fields whose URL key is not in the query (a link wins), through
 * the runtimes' own input events, so they check and render as if typed; each filled field says
 * "from profile". Each form gets a "Save to profile" button (the values changed there). The
 * Profile page checks each value with every calculator's and snippet's own check
 * (window.kbCalc[name].evaluate, window.kbSnippets.checkValue), and exports, imports and clears.
 * No request, works from file://. ES5.
 */
(function () {
  "use strict";
  var STORE = "kb-profile";

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function publicName(name) { return name.replace(/_/g, "-"); }
  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      return data && typeof data.values === "object" && data.values !== null ? data.values : {};
    } catch (error) { return {}; }
  }
  function store(values) {
    try { window.localStorage.setItem(STORE, JSON.stringify({values: values})); return true; } catch (error) { return false; }
  }
  function el(tag, cls, text) { var n = document.createElement(tag); if (cls) n.className = cls; if (text != null) n.textContent = text; return n; }
  function textOf(input) { return input.type === "checkbox" ? (input.checked ? "yes" : "no") : input.value.trim(); }
  function defaultOf(input) {
    if (input.type === "checkbox") return input.defaultChecked ? "yes" : "no";
    if (input.tagName === "SELECT") {
      for (var i = 0; i < input.options.length; i += 1) if (input.options[i].defaultSelected) return input.options[i].value;
      return input.options.length ? input.options[0].value : "";
    }
    return input.defaultValue.trim();
  }

  // The fields of one calculator or snippet form: inputs with a name (the URL key), not the preset menu.
  function fieldsOf(form) {
    return Array.prototype.filter.call(form.querySelectorAll("input, select"), function (input) {
      return input.name && !input.hasAttribute("data-kb-preset") && !input.hasAttribute("data-kb-uses");
    });
  }
  function forms() { return Array.prototype.slice.call(document.querySelectorAll("[data-kb-calc] form, .kb-snippet-form")); }

  function write(input, text) {
    if (input.type === "checkbox") input.checked = /^(yes|true|on|1)$/i.test(text);
    else if (input.tagName === "SELECT") {
      var wanted = text.toLowerCase();
      Array.prototype.forEach.call(input.options, function (option) { if (option.value.toLowerCase() === wanted) input.value = option.value; });
    } else input.value = text;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new Event("change", {bubbles: true}));
  }
  // The label says "from profile" through CSS (::after), so its text, which the runtimes read for messages, is unchanged.
  function mark(input) {
    var label = input.id ? document.querySelector('label[for="' + input.id + '"]') : null;
    if (!label) return;
    label.setAttribute("data-kb-from-profile", "");
    label.title = "Filled from your profile (the Your profile page)";
    input.addEventListener("input", function (event) { if (event.isTrusted) label.removeAttribute("data-kb-from-profile"); });
  }

  // Fill every field the profile has a value for, unless the link's query names it; the address is left as it was.
  function applyProfile() {
    var values = load(), query = new URLSearchParams(window.location.search), address = window.location.pathname + window.location.search + window.location.hash, filled = 0;
    forms().forEach(function (form) {
      fieldsOf(form).forEach(function (input) {
        var name = publicName(input.name);
        if (!has(values, name) || query.has(input.name) || typeof values[name] !== "string") return;
        write(input, values[name]);
        mark(input);
        filled += 1;
      });
    });
    if (filled) { try { window.history.replaceState(window.history.state, "", address); } catch (error) { /* file:// in some browsers */ } }
  }

  function addSaveButtons() {
    forms().forEach(function (form) {
      if (form.querySelector("[data-kb-profile-save]")) return;
      var box = form.appendChild(el("p", "kb-profile-save")), button = box.appendChild(el("button", "md-button", "Save to profile")), note = box.appendChild(el("span", "kb-profile-saved"));
      button.type = "button";
      button.setAttribute("data-kb-profile-save", "");
      note.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () {
        var values = load(), saved = [], skipped = [];
        fieldsOf(form).forEach(function (input) {
          var name = publicName(input.name), text = textOf(input);
          if (input.getAttribute("aria-invalid") === "true") { skipped.push(name); return; }
          if (text === "" || (text === defaultOf(input) && !has(values, name))) return;
          values[name] = text;
          saved.push(name);
        });
        if (!store(values)) { note.textContent = "This browser does not allow storing values (localStorage)."; return; }
        note.textContent = (saved.length ? "Saved to your profile: " + saved.join(", ") + "." : "Nothing changed to save.") +
          (skipped.length ? " Not saved (invalid): " + skipped.join(", ") + "." : "");
      });
    });
  }

  // The Profile page: the same checks as where each name is used.
  function problem(input, text) {
    var uses = JSON.parse(input.getAttribute("data-kb-uses")), i, use, raw, error, message;
    for (i = 0; i < uses.length; i += 1) {
      use = uses[i];
      if (use[0] === "calculator" && window.kbCalc && window.kbCalc[use[1]]) {
        raw = {};
        raw[use[2]] = text;
        error = window.kbCalc[use[1]].evaluate(raw).errors[use[2]];
        // lower-case keys are the field's own checks; upper-case ones come from the plan's logic with the other fields' defaults
        if (error && error.key === error.key.toLowerCase()) return "calculator " + use[1] + ": " + error.message;
      } else if (use[0] === "snippet" && window.kbSnippets) {
        message = window.kbSnippets.checkValue(use[3], use[2], text);
        if (message) return "snippet " + use[1] + ": " + message;
      }
    }
    return "";
  }
  function profilePage(root) {
    var status = root.querySelector("[data-kb-profile-status]"), inputs = Array.prototype.slice.call(root.querySelectorAll("input[data-kb-uses]")), byName = {};
    function show(input, message) {
      root.querySelector('[data-kb-profile-message="' + input.name + '"]').textContent = message;
      input.setAttribute("aria-invalid", message ? "true" : "false");
    }
    function refresh() {
      var values = load();
      inputs.forEach(function (input) { input.value = has(values, input.name) ? values[input.name] : ""; show(input, input.value ? problem(input, input.value) : ""); });
    }
    inputs.forEach(function (input) {
      byName[input.name] = input;
      input.addEventListener("input", function () {
        var text = input.value.trim(), message = text ? problem(input, text) : "", values;
        show(input, message);
        if (message) return;
        values = load();
        if (text) values[input.name] = text; else delete values[input.name];
        status.textContent = store(values) ? "" : "This browser does not allow storing values (localStorage).";
      });
    });
    root.querySelector("[data-kb-profile-export]").addEventListener("click", function () {
      var link = el("a"), values = load(), sorted = {};
      Object.keys(values).sort().forEach(function (name) { sorted[name] = values[name]; });
      link.href = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify({values: sorted}, null, 2) + "\n");
      link.download = "profile.json";
      document.body.appendChild(link);
      link.click();
      link.parentNode.removeChild(link);
      status.textContent = "Exported " + Object.keys(sorted).length + " values as profile.json.";
    });
    root.querySelector("[data-kb-profile-clear]").addEventListener("click", function () {
      try { window.localStorage.removeItem(STORE); } catch (error) { /* nothing stored */ }
      refresh();
      status.textContent = "Profile cleared.";
    });
    root.querySelector("[data-kb-profile-import]").addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0], reader;
      if (!file) return;
      reader = new FileReader();
      reader.onload = function () {
        var data, values = load(), taken = [], unknown = [], refused = [];
        try { data = JSON.parse(String(reader.result)); } catch (error) { status.textContent = file.name + ": not JSON (" + error.message + ")."; return; }
        if (!data || typeof data.values !== "object" || data.values === null || Array.isArray(data.values)) {
          status.textContent = file.name + ': expected {"values": {"<name>": "<text>", ...}}.';
          return;
        }
        Object.keys(data.values).forEach(function (name) {
          var text = data.values[name], message;
          if (!has(byName, name)) { unknown.push(name); return; }
          message = typeof text === "string" && text.trim() ? problem(byName[name], text.trim()) : "not a text";
          if (message) { refused.push(name + " (" + message + ")"); return; }
          values[name] = text.trim();
          taken.push(name);
        });
        store(values);
        refresh();
        status.textContent = "Imported " + taken.length + " values from " + file.name + "." +
          (unknown.length ? " Unknown names, not imported: " + unknown.join(", ") + "." : "") +
          (refused.length ? " Refused: " + refused.join("; ") + "." : "");
        event.target.value = "";
      };
      reader.readAsText(file);
    });
    refresh();
    root.querySelector(".kb-profile-actions").hidden = false;
  }

  function start() {
    var root = document.querySelector("[data-kb-profile-page]");
    if (root) { profilePage(root); return; }
    applyProfile();
    addSaveButtons();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
