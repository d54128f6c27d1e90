// The sandboxed iframe's host (classic script, no build step). It only relays messages between
// the course page (its parent) and the cell runtime Worker, and it is the one that can stop a
// runaway cell: `terminate()` kills the Worker's thread whatever it is doing (while (true) {}),
// then a fresh Worker starts (the notebook scope is lost, as after a kernel restart).
// Protocol: widgets/lib/celda/protocol.ts (ToHost / FromHost).
'use strict';
(function () {
  var parentWin = window.parent;
  var worker = null;
  var runtimeUrl = null;
  var data = null;

  function toParent(m) {
    // The parent is the course page; its origin is not readable from an opaque origin, hence '*'.
    // Only cell output (plain data) travels this way.
    parentWin.postMessage(m, '*');
  }

  function makeWorker() {
    // A blob Worker: a Worker URL must be same-origin with this opaque origin, which only a blob
    // made here is. It pulls in the runtime bundle of the site (classic importScripts, no CORS).
    var src = 'importScripts(' + JSON.stringify(runtimeUrl) + ');';
    var url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    var w = new Worker(url);
    worker = w;
    w.onmessage = function (e) {
      if (w !== worker) return;
      URL.revokeObjectURL(url);
      toParent({ type: 'from-runtime', message: e.data });
    };
    w.onerror = function (e) {
      if (w !== worker) return;
      e.preventDefault();
      toParent({ type: 'host-error', message: e.message || 'el entorno de las celdas no pudo arrancar' });
    };
    w.postMessage({ type: 'init', data: data });
  }

  window.addEventListener('message', function (e) {
    if (e.source !== parentWin) return;
    var m = e.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'start') {
      // Only the site's own scripts: the runtime must be a same-site http(s) URL.
      var u = new URL(String(m.runtimeUrl), location.href);
      if (u.origin !== new URL(location.href).origin) {
        toParent({ type: 'host-error', message: 'dirección del entorno no permitida' });
        return;
      }
      runtimeUrl = u.href;
      data = m.data || {};
      if (worker) worker.terminate();
      makeWorker();
    } else if (m.type === 'send') {
      if (worker) worker.postMessage(m.message);
    } else if (m.type === 'restart') {
      if (worker) worker.terminate();
      worker = null;
      if (runtimeUrl) makeWorker();
      toParent({ type: 'restarted' });
    }
  });
  toParent({ type: 'host-ready' });
})();
