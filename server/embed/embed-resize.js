// Host-page helper for Hearth iframes (optional): <script src="https://HEARTH/widgets/embed-resize.js"></script>
// Resizes each <iframe src="https://HEARTH/embed/..."> to its widget's height. It only listens
// to messages from the Hearth origin this script was loaded from, and only resizes the iframe
// that sent the message.
(function () {
  var script = document.currentScript;
  var hearth = script ? new URL(script.src).origin : null;
  if (!hearth) return;
  window.addEventListener('message', function (event) {
    if (event.origin !== hearth) return;
    var data = event.data;
    if (!data || data.type !== 'hearth:resize' || typeof data.height !== 'number') return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        // CSSOM, not a style attribute: allowed under a strict style-src.
        frames[i].style.height = Math.max(0, Math.min(data.height, 20000)) + 'px';
        return;
      }
    }
  });
})();
