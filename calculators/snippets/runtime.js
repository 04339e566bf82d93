/* Command snippets in the browser: a generic runtime, no snippet-specific logic.
 *
 * Data: window.KB_SNIPPET_SHARED (value kinds, messages, character names; generated from
 * calculators/snippets/kinds.py) and each .kb-snippet element's data-kb-snippet JSON
 * (template, variables, derived values, distinct groups, the page's default values).
 *
 * For each snippet: take ?name=value from the URL, validate every field on input with the
 * shared patterns, and either rewrite the values in the block (the spans marked
 * data-kb-var) together with data-copy (what Material's copy button copies), or keep the
 * last valid text, mark the snippet blocked, show the message beside the field and refuse
 * to copy. Works from file://: no request, no framework, no module loader.
 */
(function () {
  "use strict";

  var shared = window.KB_SNIPPET_SHARED;
  if (!shared) {
    return;
  }
  var SLOT = /\{([a-z]+)\}/g;
  var COPY_BUTTON = "[data-clipboard-target], [data-md-type='copy'], .md-clipboard";

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function fill(template, fields) {
    return template.replace(SLOT, function (whole, key) {
      return has(fields, key) ? fields[key] : whole;
    });
  }

  function showValue(value) {
    var points = Array.from(value);
    if (points.length > shared.shownValueLimit) {
      value = points.slice(0, shared.shownValueLimit).join("") + "\u2026";
    }
    return JSON.stringify(value);
  }

  function checkValue(kindName, variable, value) {
    var kind = shared.kinds[kindName];
    var fields = { variable: variable, value: showValue(value), accepted: kind.accepted };
    if (value === "") {
      return fill(shared.messages.empty, fields);
    }
    var points = Array.from(value);
    for (var index = 0; index < points.length; index += 1) {
      if (kind.forbidden.indexOf(points[index]) !== -1) {
        fields.character = shared.characterNames[points[index]];
        return fill(shared.messages.forbidden, fields);
      }
    }
    if (!new RegExp(kind.pattern).test(value)) {
      return fill(shared.messages.mismatch, fields);
    }
    return "";
  }

  function findErrors(spec, values) {
    var errors = {};
    var count = 0;
    spec.variables.forEach(function (variable) {
      var problem = checkValue(variable.kind, variable.name, values[variable.name]);
      if (problem) {
        errors[variable.name] = problem;
        count += 1;
      }
    });
    if (count > 0) {
      return errors;
    }
    spec.distinct.forEach(function (group) {
      group.forEach(function (name, position) {
        group.slice(0, position).forEach(function (earlier) {
          if (values[name] === values[earlier] && !has(errors, name)) {
            errors[name] = fill(shared.messages.duplicate, {
              variable: name,
              value: showValue(values[name]),
              other: earlier,
              group: group.join(", ")
            });
          }
        });
      });
    });
    return errors;
  }

  function completeValues(spec, values) {
    var complete = {};
    Object.keys(values).forEach(function (name) {
      complete[name] = values[name];
    });
    spec.derived.forEach(function (item) {
      complete[item.name] = item.addPrefix + values[item.source].slice(item.stripPrefix.length);
    });
    return complete;
  }

  function substitute(text, values) {
    return text.replace(new RegExp(shared.placeholder, "g"), function (whole, name) {
      return values[name];
    });
  }

  function render(spec, values) {
    var errors = findErrors(spec, values);
    if (Object.keys(errors).length > 0) {
      return { errors: errors, text: null };
    }
    return { errors: errors, text: substitute(spec.template, completeValues(spec, values)) };
  }

  function remember(name, value, pageDefault) {
    try {
      var url = new URL(window.location.href);
      if (value === pageDefault) {
        url.searchParams.delete(name);
      } else {
        url.searchParams.set(name, value);
      }
      window.history.replaceState(window.history.state, "", url.href);
    } catch (error) {
      /* Some file:// setups refuse replaceState; the form works without it. */
    }
  }

  function initSnippet(root) {
    if (root.hasAttribute("data-kb-ready")) {
      return;
    }
    root.setAttribute("data-kb-ready", "");
    var spec = JSON.parse(root.getAttribute("data-kb-snippet"));
    var form = root.querySelector(".kb-snippet-form");
    if (!form) {
      return;
    }
    var status = form.querySelector(".kb-snippet-status");
    var state = {};
    var query = new URLSearchParams(window.location.search);
    spec.variables.forEach(function (variable) {
      state[variable.name] = query.has(variable.name) ? query.get(variable.name) : spec.values[variable.name];
    });

    function update(changedName) {
      var values = {};
      spec.variables.forEach(function (variable) {
        values[variable.name] = state[variable.name];
      });
      var result = render(spec, values);
      spec.variables.forEach(function (variable) {
        var message = result.errors[variable.name] || "";
        form.querySelector("[data-kb-message='" + variable.name + "']").textContent = message;
        form.querySelector("[name='" + variable.name + "']").setAttribute("aria-invalid", message ? "true" : "false");
      });
      var blocked = result.text === null;
      root.classList.toggle("kb-blocked", blocked);
      status.textContent = blocked ? shared.messages.blocked : "";
      if (blocked) {
        return;
      }
      var complete = completeValues(spec, values);
      root.querySelectorAll("[data-kb-var]").forEach(function (element) {
        element.textContent = complete[element.getAttribute("data-kb-var")];
      });
      root.setAttribute("data-copy", result.text.replace(/\s+$/, ""));
      if (changedName) {
        remember(changedName, values[changedName], spec.values[changedName]);
      }
    }

    spec.variables.forEach(function (variable) {
      var field = form.querySelector("[name='" + variable.name + "']");
      field.value = state[variable.name];
      var onChange = function () {
        state[variable.name] = field.value;
        update(variable.name);
      };
      field.addEventListener("input", onChange);
      field.addEventListener("change", onChange);
    });
    root.addEventListener(
      "click",
      function (event) {
        var target = event.target;
        if (root.classList.contains("kb-blocked") && target && target.closest && target.closest(COPY_BUTTON)) {
          event.preventDefault();
          event.stopPropagation();
        }
      },
      true
    );
    form.hidden = false;
    update(null);
  }

  function initAll() {
    document.querySelectorAll(".kb-snippet[data-kb-snippet]").forEach(initSnippet);
  }

  window.kbSnippets = {
    checkValue: checkValue,
    findErrors: findErrors,
    render: render,
    substitute: substitute,
    fill: fill,
    showValue: showValue,
    initAll: initAll
  };
  initAll();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initAll);
  }
})();
