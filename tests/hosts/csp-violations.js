// Loaded first, as a file of the page's own origin (an inline script would itself be blocked):
// records every Content-Security-Policy violation on the page in window.__cspViolations, with
// the Hearth widget whose shadow tree it happened in, if any. Violations are composed events,
// so a listener on the document in the capture phase hears those inside shadow roots too.
(function () {
  var seen = (window.__cspViolations = []);
  document.addEventListener(
    'securitypolicyviolation',
    function (event) {
      var widget = '';
      var path = event.composedPath ? event.composedPath() : [];
      for (var i = 0; i < path.length; i++) {
        var name = path[i] && path[i].localName;
        if (name && name.indexOf('hearth-') === 0) widget = name;
      }
      seen.push({
        directive: event.effectiveDirective || event.violatedDirective,
        blocked: event.blockedURI,
        source: event.sourceFile ? event.sourceFile + ':' + event.lineNumber + ':' + event.columnNumber : '',
        sample: event.sample,
        disposition: event.disposition,
        widget: widget,
      });
    },
    true,
  );
})();
