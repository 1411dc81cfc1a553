// Inside /embed/<widget>: tells the host page how tall the widget is, so the iframe never
// scrolls. Only an allowed host hears it: the parent's origin (from the referrer) must be one
// of the origins the server lists in <body data-hosts>.
const hosts = (document.body.dataset.hosts ?? '').split(' ').filter(Boolean);
let parentOrigin = null;
try {
  parentOrigin = document.referrer ? new URL(document.referrer).origin : null;
} catch {
  parentOrigin = null;
}
const target = parentOrigin && (hosts.includes(parentOrigin) || parentOrigin === location.origin) ? parentOrigin : null;

if (target && window.parent !== window) {
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'hearth:resize', height }, target);
  };
  new ResizeObserver(report).observe(document.documentElement);
  report();
}
