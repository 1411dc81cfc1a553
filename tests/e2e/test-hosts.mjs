// A preload (`node --import ./tests/e2e/test-hosts.mjs …`) for the end-to-end tests: host names
// ending in `.test` (hearth.contoso.test, idp.contoso.test, …) resolve to 127.0.0.1 in this
// process, as `--host-resolver-rules=MAP *.test 127.0.0.1` makes them in Chromium. It patches
// `dns.lookup` and `dns.promises.lookup`, which `net`/`tls` connections use (fetch, i.e. undici,
// included); every other name is resolved as usual. Test code only: never load it in production.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

const LOOPBACK = '127.0.0.1';
const isTestHost = (hostname) => typeof hostname === 'string' && /\.test\.?$/i.test(hostname);

function notFound(hostname) {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });
}

const lookup = dns.lookup;
dns.lookup = function testHostsLookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (!isTestHost(hostname)) return lookup.call(this, hostname, options, callback);
  const opts = typeof options === 'number' ? { family: options } : (options ?? {});
  // Only an IPv4 loopback address exists for these names.
  const v6Only = opts.family === 6 || opts.family === 'IPv6';
  process.nextTick(() => {
    if (v6Only) callback(notFound(hostname));
    else if (opts.all) callback(null, [{ address: LOOPBACK, family: 4 }]);
    else callback(null, LOOPBACK, 4);
  });
  return {};
};

const lookupPromise = dns.promises.lookup;
dns.promises.lookup = async function testHostsLookupPromise(hostname, options) {
  if (!isTestHost(hostname)) return lookupPromise.call(this, hostname, options);
  const opts = typeof options === 'number' ? { family: options } : (options ?? {});
  if (opts.family === 6 || opts.family === 'IPv6') throw notFound(hostname);
  return opts.all ? [{ address: LOOPBACK, family: 4 }] : { address: LOOPBACK, family: 4 };
};

// `import { lookup } from 'node:dns'` (and node:dns/promises) see the patched functions too.
syncBuiltinESMExports();
