/**
 * Absolute URIs as .NET `System.Uri` exposes them to the URI functions: `Scheme` (lower case),
 * `Host` (lower case for authority schemes), `Port` (the scheme's default when absent, -1 when the
 * scheme has none), `AbsolutePath` (dot segments removed, backslashes as slashes, unsafe characters
 * percent-encoded, `/` when empty) and `Query` (with its `?`). Relative or malformed text is a
 * `UriError`, with the .NET wording.
 */

export class UriError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UriError';
  }
}

export interface ParsedUri {
  scheme: string;
  host: string;
  port: number;
  path: string;
  query: string;
}

const DEFAULT_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  ftp: 21,
  gopher: 70,
  nntp: 119,
  telnet: 23,
  ldap: 389,
  mailto: 25,
  'net.tcp': 808,
  vsmacros: 80,
};

/** Schemes whose URIs must have a host, and whose backslashes read as slashes. */
const HOST_REQUIRED = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'gopher', 'nntp', 'telnet', 'ldap', 'net.tcp', 'vsmacros']);

/** Characters .NET escapes in a path or query; `%` only when it does not start an escape. */
function escapeComponent(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += c;
    } else if (code <= 0x20 || code === 0x7f || '"<>^`{|}%'.includes(c)) {
      out += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
    } else if (code > 0x7f) {
      const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
      for (const b of Buffer.from(text.slice(i, i + width), 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
      i += width - 1;
    } else {
      out += c;
    }
  }
  return out;
}

function removeDotSegments(path: string): string {
  const input = path.split('/');
  const output: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const seg = input[i]!;
    const last = i === input.length - 1;
    if (seg === '.' || seg.toLowerCase() === '%2e') {
      if (last) output.push('');
    } else if (seg === '..' || /^(\.|%2e){2}$/i.test(seg)) {
      if (output.length > 1) output.pop();
      if (last) output.push('');
    } else {
      output.push(seg);
    }
  }
  const joined = output.join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

function parseAuthority(authority: string, scheme: string): { host: string; port: number } {
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  let host: string;
  let portText = '';
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0 || !/^\[[0-9A-Fa-f:.]+(%[\w.~-]+)?\]$/.test(hostPort.slice(0, close + 1))) {
      throw new UriError('Invalid URI: The hostname could not be parsed.');
    }
    host = hostPort.slice(0, close + 1);
    const rest = hostPort.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) throw new UriError('Invalid URI: The hostname could not be parsed.');
    portText = rest.slice(1);
  } else {
    const colon = hostPort.lastIndexOf(':');
    host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    portText = colon >= 0 ? hostPort.slice(colon + 1) : '';
  }
  const bracketed = host.startsWith('[');
  if ((!bracketed && /[\s<>"{}|\\^`%[\]]/.test(host)) || (host === '' && HOST_REQUIRED.has(scheme))) {
    throw new UriError('Invalid URI: The hostname could not be parsed.');
  }
  let port = DEFAULT_PORTS[scheme] ?? -1;
  if (portText !== '') {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new UriError('Invalid URI: Invalid port specified.');
    port = Number(portText);
  }
  return { host: host.toLowerCase(), port };
}

/** Parses an absolute URI; throws `UriError` for relative or malformed text. */
export function parseUri(input: string): ParsedUri {
  const text = input.replace(/^[\s\u0000-\u001f]+|[\s\u0000-\u001f]+$/g, '');
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(text);
  if (!m || m[1]!.length < 2) throw new UriError('Invalid URI: The format of the URI could not be determined.');
  const scheme = m[1]!.toLowerCase();
  let rest = m[2]!;
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const hierarchical = HOST_REQUIRED.has(scheme) || scheme === 'file';
  if (hierarchical) rest = rest.replace(/\\/g, '/');
  const q = rest.indexOf('?');
  const query = q >= 0 ? escapeComponent(rest.slice(q)) : '';
  const beforeQuery = q >= 0 ? rest.slice(0, q) : rest;
  if (beforeQuery.startsWith('//')) {
    const slash = beforeQuery.indexOf('/', 2);
    const authority = slash >= 0 ? beforeQuery.slice(2, slash) : beforeQuery.slice(2);
    const { host, port } = parseAuthority(authority, scheme);
    const rawPath = slash >= 0 ? beforeQuery.slice(slash) : '/';
    return { scheme, host, port, path: removeDotSegments(escapeComponent(rawPath)), query };
  }
  if (HOST_REQUIRED.has(scheme)) throw new UriError('Invalid URI: The hostname could not be parsed.');
  if (scheme === 'mailto') {
    const at = beforeQuery.lastIndexOf('@');
    const host = at >= 0 ? beforeQuery.slice(at + 1).toLowerCase() : '';
    return { scheme, host, port: DEFAULT_PORTS[scheme]!, path: '', query };
  }
  return { scheme, host: '', port: DEFAULT_PORTS[scheme] ?? -1, path: escapeComponent(beforeQuery), query };
}
