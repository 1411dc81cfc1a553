import { BlockList, isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { UnauthenticatedError } from '../features/errors.ts';
import type { PeopleService } from '../features/people/service.ts';
import { rolesFromGroups, type RoleGroupsConfig } from './roles.ts';
import { Claims } from './tokens.ts';
import { setViewer } from './viewer.ts';

/** One entry of AUTH_PROXY_ADDRESSES: an address, or a subnet in CIDR notation. */
export interface ProxyAddress {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** The headers a trusted proxy names the person with (AUTH_PROXY_*_HEADER), lower case. */
export interface ProxyHeaders {
  user: string;
  name: string;
  email: string;
  groups: string;
}

export interface ProxyConfig {
  addresses: ProxyAddress[];
  headers: ProxyHeaders;
}

/**
 * oauth2-proxy's own names for what it passes upstream with `--pass-user-headers` (on by default;
 * https://oauth2-proxy.github.io/oauth2-proxy/configuration/overview): X-Forwarded-User (the
 * IdP's stable subject), X-Forwarded-Email, X-Forwarded-Preferred-Username and
 * X-Forwarded-Groups (comma-separated). Azure App Proxy and others are set with the settings.
 */
export const DEFAULT_PROXY_HEADERS: ProxyHeaders = {
  user: 'x-forwarded-user',
  name: 'x-forwarded-preferred-username',
  email: 'x-forwarded-email',
  groups: 'x-forwarded-groups',
};

/** `10.0.0.0/8`, `192.0.2.7`, `fd00::/8`, `[::1]`: an entry, or why it is not one. */
export function parseProxyAddress(entry: string): ProxyAddress | { error: string } {
  const [raw = '', prefixText, ...rest] = entry.trim().split('/');
  const address = raw.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(address);
  if (rest.length > 0 || version === 0) return { error: `"${entry}" is not an IP address or a CIDR subnet such as 10.0.0.0/8 or fd00::/8` };
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return { error: `"${entry}" has a prefix length that is not a number` };
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return { error: `"${entry}" has a prefix length over ${max}` };
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Whether a TCP peer is one of the proxies (IPv4-mapped IPv6 peers match IPv4 entries). */
export function proxyMatcher(addresses: readonly ProxyAddress[]): (peer: string | undefined) => boolean {
  const list = new BlockList();
  for (const a of addresses) list.addSubnet(a.address, a.prefix, a.family);
  return (peer) => {
    if (!peer) return false;
    const family = isIP(peer);
    return family !== 0 && list.check(peer, family === 4 ? 'ipv4' : 'ipv6');
  };
}

const USER_MAX = 190;
const NAME_MAX = 200;
const EMAIL_MAX = 320;
const GROUPS_MAX = 16_384;
const GROUP_MAX = 256;
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * AUTH_MODE=proxy: an SSO proxy in front of Hearth (oauth2-proxy, Azure App Proxy, ...) has
 * signed the person in and names them in request headers. Those headers are believed only from
 * the proxies' own addresses, checked on the TCP connection itself (`req.socket.remoteAddress`),
 * never on X-Forwarded-For, which any client can write. The person is created or updated like a
 * token's, from the same claims, with the proxy's user id namespaced (`proxy:<user>`) so it never
 * meets a token's `sub`. No bearer token is involved: the browser's requests reach Hearth through
 * the proxy with the proxy's own session cookie.
 */
export function proxyAuthenticate(proxy: ProxyConfig, people: PeopleService, roles: RoleGroupsConfig): RequestHandler {
  const trusted = proxyMatcher(proxy.addresses);
  const { headers } = proxy;
  return async (req, res, next) => {
    if (!trusted(req.socket.remoteAddress)) {
      throw new UnauthenticatedError('this server accepts requests only through its sign-in proxy');
    }
    const user = single(req, headers.user);
    if (user === undefined) throw new UnauthenticatedError(`the sign-in proxy did not say who you are (no ${headers.user} header)`);
    check(headers.user, user, USER_MAX);
    const name = single(req, headers.name);
    if (name !== undefined) check(headers.name, name, NAME_MAX);
    const email = single(req, headers.email);
    if (email !== undefined) check(headers.email, email, EMAIL_MAX);
    // A list: the header may come more than once, each a comma-separated part of it.
    const groupsValues = req.headersDistinct[headers.groups];
    const groupsHeader = groupsValues ? groupsValues.map(utf8).join(',') : undefined;
    if (groupsHeader !== undefined) check(headers.groups, groupsHeader, GROUPS_MAX);
    const groups = (groupsHeader ?? '').split(',').map((g) => g.trim()).filter(Boolean);
    if (groups.some((g) => g.length > GROUP_MAX)) throw new UnauthenticatedError(`a group in the ${headers.groups} header is longer than ${GROUP_MAX} characters`);
    // The same shape, and the same checks, as a token's claims.
    const claims = Claims.safeParse({
      sub: `proxy:${user}`,
      name: name || email?.split('@')[0] || user,
      ...(email ? { email } : {}),
      roles: rolesFromGroups(groups, roles),
      // The proxy vouches for this request only; the next one is asked again.
      exp: Math.floor(Date.now() / 1000),
    });
    if (!claims.success) {
      const field = String(claims.error.issues[0]?.path[0] ?? 'sub') as 'sub' | 'name' | 'email';
      const header = { sub: headers.user, name: headers.name, email: headers.email }[field] ?? headers.user;
      throw new UnauthenticatedError(`the ${header} header is not valid (${claims.error.issues[0]?.message ?? 'refused'})`);
    }
    setViewer(res, await people.viewerFor(claims.data));
    next();
  };
}

/** The header's one value; a header sent twice (a client's copy the proxy appended to) is refused. */
function single(req: Request, name: string): string | undefined {
  const values = req.headersDistinct[name];
  if (!values || values.length === 0) return undefined;
  if (values.length > 1) throw new UnauthenticatedError(`the ${name} header came more than once`);
  const value = utf8(values[0]!).trim();
  return value === '' ? undefined : value;
}

function check(name: string, value: string, max: number) {
  if (value.length > max) throw new UnauthenticatedError(`the ${name} header is longer than ${max} characters`);
  if (CONTROL.test(value)) throw new UnauthenticatedError(`the ${name} header holds control characters`);
}

/** Node reads header bytes as Latin-1; proxies send names like "Zoë" as UTF-8. */
function utf8(value: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}
