/*
 * Local Worker shim for reading the site from file:// (our own code).
 *
 * Chromium refuses `new Worker(url)` when the page comes from file://, so
 * Material's search would stay on "Initializing search". Listed in
 * `extra.polyfills` (mkdocs.yml), this file is loaded in <head> before
 * Material's bundle and, only on file:// or where Worker is missing, replaces
 * `window.Worker` with IFrameWorker: the worker script runs as a classic
 * <script> inside a hidden, same-origin iframe whose window is given the few
 * worker globals the script uses (postMessage, addEventListener("message"),
 * onmessage, importScripts, close). Messages are structured-cloned into the
 * receiving window and delivered asynchronously, in order, as in a worker.
 *
 * The name IFrameWorker matters: Material's search worker looks for
 * `"IFrameWorker" in parent` to find its lunr language files next to the
 * worker script when it runs in an iframe. No request leaves the machine.
 */
(function () {
  "use strict";

  var onFile = window.location.protocol === "file:";
  if (!onFile && typeof window.Worker === "function") return;

  /** Copy a message into the realm that receives it, as postMessage does. */
  function cloneInto(realm, data) {
    return typeof realm.structuredClone === "function" ? realm.structuredClone(data) : data;
  }

  /** Deliver an already cloned message as a "message" event on a later task. */
  function deliverLater(realm, target, copy, worker) {
    window.setTimeout(function () {
      if (!worker._terminated) target.dispatchEvent(new realm.MessageEvent("message", { data: copy }));
    }, 0);
  }

  /** Load classic scripts one after another into a document; resolve when all ran. */
  function loadScripts(doc, urls) {
    return urls.reduce(function (previous, url) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var script = doc.createElement("script");
          script.src = url;
          script.onload = function () { resolve(); };
          script.onerror = function () { reject(new Error("IFrameWorker: cannot load " + url)); };
          doc.head.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  /** Give the iframe window the worker globals; return the worker-side channel. */
  function installWorkerScope(scope, worker, scriptUrl) {
    var inbox = new scope.EventTarget();  // messages from the page to the worker
    var handler = null;
    var addListener = scope.addEventListener.bind(scope);
    var removeListener = scope.removeEventListener.bind(scope);

    scope.addEventListener = function (type, listener, options) {
      if (type === "message") inbox.addEventListener(type, listener, options);
      else addListener(type, listener, options);
    };
    scope.removeEventListener = function (type, listener, options) {
      if (type === "message") inbox.removeEventListener(type, listener, options);
      else removeListener(type, listener, options);
    };
    Object.defineProperty(scope, "onmessage", {
      configurable: true,
      get: function () { return handler; },
      set: function (value) { handler = typeof value === "function" ? value : null; }
    });
    inbox.addEventListener("message", function (event) {
      if (handler) handler.call(scope, event);
    });
    scope.postMessage = function (data) {
      if (!worker._terminated) deliverLater(window, worker, cloneInto(window, data), worker);
    };
    // A real worker's importScripts is synchronous, which a page cannot do
    // without a fetch that file:// forbids. Ours returns a promise (Material
    // awaits it) and holds back incoming messages until every import ran, so
    // handlers may use what a top-level importScripts defines.
    scope.importScripts = function () {
      var urls = Array.prototype.map.call(arguments, function (url) {
        return new URL(url, scriptUrl).href;
      });
      var loaded = loadScripts(scope.document, urls);
      worker._imports = Promise.all([worker._imports, loaded.catch(function () {})]);
      return loaded;
    };
    scope.close = function () { worker.terminate(); };
    return inbox;
  }

  /** A Worker look-alike whose script runs in a hidden iframe. */
  function IFrameWorker(url, options) {
    if (!(this instanceof IFrameWorker)) throw new TypeError("Failed to construct 'Worker': use 'new'");
    var target = new EventTarget();
    var self = this;
    ["addEventListener", "removeEventListener", "dispatchEvent"].forEach(function (name) {
      self[name] = target[name].bind(target);
    });
    this.onmessage = null;
    this.onerror = null;
    this._terminated = false;
    this._ready = false;
    this._queue = [];
    this._imports = Promise.resolve();   // settles when pending importScripts ran
    this._inbound = Promise.resolve();   // keeps worker-bound messages in order
    target.addEventListener("message", function (event) {
      if (typeof self.onmessage === "function") self.onmessage(event);
    });
    target.addEventListener("error", function (event) {
      if (typeof self.onerror === "function") self.onerror(event);
    });

    var scriptUrl = new URL(String(url), document.baseURI).href;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.style.display = "none";
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.title = "worker " + ((options && options.name) || scriptUrl.split("/").pop());
    (document.body || document.documentElement).appendChild(frame);
    this._frame = frame;

    // The iframe keeps its initial about:blank document (no src, no srcdoc),
    // which is same-origin with this page and available at once.
    var scope = frame.contentWindow;
    this._scope = scope;
    this._inbox = installWorkerScope(scope, this, scriptUrl);
    scope.addEventListener("error", function (event) {
      var error = new ErrorEvent("error", {
        message: event.message, filename: event.filename,
        lineno: event.lineno, colno: event.colno, error: event.error
      });
      self.dispatchEvent(error);
    });

    var script = scope.document.createElement("script");
    if (options && options.type === "module") script.type = "module";
    script.src = scriptUrl;
    script.onload = function () {
      self._ready = true;
      self._queue.splice(0).forEach(function (copy) { self._deliver(copy); });
    };
    script.onerror = function () {
      self.dispatchEvent(new ErrorEvent("error", { message: "IFrameWorker: cannot load " + scriptUrl }));
    };
    scope.document.head.appendChild(script);
  }

  /** Send a message to the worker script; held back until the script has run. */
  IFrameWorker.prototype.postMessage = function (data) {
    if (this._terminated) return;
    var copy = cloneInto(this._scope, data);
    if (this._ready) this._deliver(copy);
    else this._queue.push(copy);
  };

  /** Hand a cloned message to the worker once its pending imports have run. */
  IFrameWorker.prototype._deliver = function (copy) {
    var worker = this;
    this._inbound = this._inbound.then(function () { return worker._imports; }).then(function () {
      deliverLater(worker._scope, worker._inbox, copy, worker);
    });
  };

  /** Stop the worker: drop pending messages and remove its iframe. */
  IFrameWorker.prototype.terminate = function () {
    if (this._terminated) return;
    this._terminated = true;
    this._queue = [];
    if (this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
  };

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
