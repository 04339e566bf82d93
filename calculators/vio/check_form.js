// The planner page's "check a VIO server" form: reads the plan currently in the VIO calculator's form,
// runs the compiled check (calculators/vio/check.py, window.kbCalc.checks["check-lsmap"]) on the pasted
// lsmap text and lists the differences. No request; works from file://. Arrow functions and var, as runtime.js.
(() => {
"use strict";
var el = (tag, cls, text) => { var n = document.createElement(tag); if (cls) n.className = cls; if (text != null) n.textContent = text; return n; };
var planInputs = (root) => {
  var raw = {}, form = root.querySelector("form");
  Array.prototype.forEach.call(form.elements, (input) => {
    if (!input.name || input.hasAttribute("data-kb-preset")) return;
    raw[input.name] = input.type === "checkbox" ? (input.checked ? "yes" : "no") : input.value;
  });
  return raw;
};
var show = (box, outcome) => {
  box.textContent = "";
  if (outcome.error) { box.appendChild(el("p", "kb-calc-error", outcome.error)).setAttribute("data-kb-lsmap-error", ""); return; }
  var check = outcome.check, vios = check.get("vios"), differences = check.get("differences"), name, list;
  name = vios.get("name") ? vios.get("name") + " (ID " + vios.get("id") + ")" : "partition ID " + vios.get("id");
  box.appendChild(el("p", "kb-calc-label", "Check of " + name + " against the plan: " + differences.length +
    (differences.length === 1 ? " difference" : " differences")));
  if (!differences.length) return;
  list = box.appendChild(el("ul", "kb-lsmap-differences"));
  differences.forEach((item) => {
    var li = list.appendChild(el("li", null, outcome.line(item)));
    li.setAttribute("data-kb-kind", item.get("kind"));
    if (item.get("slot") != null) li.setAttribute("data-kb-slot", String(item.get("slot")));
  });
};
var run = (root, text) => {
  var calc = window.kbCalc.vio, check = window.kbCalc.checks["check-lsmap"], evaluation = calc.result(planInputs(root));
  if (!evaluation.result) return {error: "The plan above has an error: correct the form first, then check again."};
  try { return {check: check.check_lsmap(text, evaluation.result.get("slot_plan")), line: check.difference_line}; }
  catch (e) { return {error: e && e.key === "LSMAP" ? e.message : "The text could not be checked."}; }
};
var setup = () => {
  var box = document.querySelector("[data-kb-lsmap-check]"), root = document.querySelector('[data-kb-calc="vio"]');
  if (!box || !root || box.getAttribute("data-kb-ready") || !window.kbCalc || !window.kbCalc.vio) return;
  box.setAttribute("data-kb-ready", "1");
  var text = box.querySelector("textarea"), out = box.querySelector("[data-kb-lsmap-result]");
  box.querySelector("[data-kb-lsmap-run]").addEventListener("click", () => { show(out, run(root, text.value)); });
  box.hidden = false;
};
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
