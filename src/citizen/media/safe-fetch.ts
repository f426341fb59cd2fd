import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './is-public-address.ts';

export interface SafeFetchOptions {
  /** Host names allowed, matched as suffixes on a label boundary: `zdn.vn` admits `f1.zdn.vn`. */
  allowedHostSuffixes: readonly string[];
  /** Largest body read; a larger one fails without being read to the end. */
  maxBytes: number;
  /** Which resolved addresses may be connected to; public unicast only by default. */
  isAllowedAddress?: (address: string) => boolean;
  /** Resolves a host name to its addresses; the system resolver by default. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Plain http as well as https: for tests against a local fake only. */
  allowHttp?: boolean;
  /** Redirect hops followed, each checked like the first URL; 3 by default. */
  maxRedirects?: number;
  /** For the whole download, redirects included; 20 s by default. */
  timeoutMs?: number;
}

export type SafeFetchResult =
  | { kind: 'fetched'; body: Buffer; mimeType: string | null; hops: number }
  /** The policy forbade the URL (or a redirect's): nothing was sent to it. */
  | { kind: 'refused'; reason: string }
  /** The URL was allowed but gave no usable file (HTTP error, too large, network failure). */
  | { kind: 'failed'; reason: string };

export type SafeFetch = (url: string) => Promise<SafeFetchResult>;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * A GET for files at URLs that came from outside (a platform's media links), safe against server-side
 * request forgery: only http(s) URLs on allowed hosts, only when every address the host resolves to
 * is allowed, connecting to the very address that was checked (no second DNS answer), redirects
 * followed by hand with each hop checked again, and the body capped at `maxBytes`. Never throws.
 */
export function createSafeFetch(options: SafeFetchOptions): SafeFetch {
  const isAllowedAddress = options.isAllowedAddress ?? isPublicAddress;
  const resolve =
    options.resolve ??
    (async (hostname: string) =>
      (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address));
  const maxRedirects = options.maxRedirects ?? 3;
  const suffixes = options.allowedHostSuffixes.map((s) => s.toLowerCase().replace(/^\.+/, ''));

  const check = async (url: URL): Promise<{ address: string } | { refused: string }> => {
    if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:')) {
      return { refused: `scheme ${url.protocol} not allowed` };
    }
    if (url.username || url.password) return { refused: 'credentials in URL' };
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    const literal = host.replace(/^\[|\]$/g, '');
    if (isIP(literal) === 0 && !suffixes.some((s) => host === s || host.endsWith(`.${s}`))) {
      return { refused: 'host not allowed' };
    }
    if (isIP(literal) !== 0 && !suffixes.includes(literal)) return { refused: 'host not allowed' };
    let addresses: string[];
    try {
      addresses = isIP(literal) !== 0 ? [literal] : await resolve(host);
    } catch {
      return { refused: 'host does not resolve' };
    }
    if (addresses.length === 0) return { refused: 'host does not resolve' };
    // Every answer must be allowed: a host that also resolves to 10.x is not trusted with any.
    const forbidden = addresses.find((a) => !isAllowedAddress(a));
    if (forbidden !== undefined) return { refused: `address not allowed (${describeAddress(forbidden)})` };
    return { address: addresses[0] as string };
  };

  return async (start) => {
    const deadline = AbortSignal.timeout(options.timeoutMs ?? 20_000);
    let url: URL;
    try {
      url = new URL(start);
    } catch {
      return { kind: 'refused', reason: 'not a URL' };
    }
    for (let hop = 0; ; hop++) {
      const verdict = await check(url);
      if ('refused' in verdict)
        return { kind: 'refused', reason: hop === 0 ? verdict.refused : `redirect: ${verdict.refused}` };
      let response: IncomingMessage;
      try {
        response = await get(url, verdict.address, deadline);
      } catch (error) {
        return { kind: 'failed', reason: deadline.aborted ? 'timed out' : `network: ${errorCode(error)}` };
      }
      const status = response.statusCode ?? 0;
      if (redirectStatuses.has(status)) {
        response.resume();
        const location = response.headers.location;
        if (hop >= maxRedirects) return { kind: 'failed', reason: 'too many redirects' };
        if (!location) return { kind: 'failed', reason: `HTTP ${status} without Location` };
        try {
          url = new URL(location, url);
        } catch {
          return { kind: 'refused', reason: 'redirect: not a URL' };
        }
        continue;
      }
      if (status !== 200) {
        response.resume();
        return { kind: 'failed', reason: `HTTP ${status}` };
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.destroy();
        return { kind: 'failed', reason: `larger than ${options.maxBytes} bytes` };
      }
      const body = await readCapped(response, options.maxBytes);
      if (body === 'too large') return { kind: 'failed', reason: `larger than ${options.maxBytes} bytes` };
      if (body === 'broken')
        return { kind: 'failed', reason: deadline.aborted ? 'timed out' : 'network: body cut' };
      const type = response.headers['content-type'];
      return {
        kind: 'fetched',
        body,
        mimeType: typeof type === 'string' ? type.split(';')[0]?.trim() || null : null,
        hops: hop,
      };
    }
  };
}

function get(url: URL, address: string, signal: AbortSignal): Promise<IncomingMessage> {
  const family = isIP(address);
  // The connection goes to the checked address whatever DNS would answer now (no rebinding); TLS
  // still verifies the certificate against the URL's host name.
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolvePromise, reject) => {
    const req = send(url, { method: 'GET', lookup, signal, headers: { accept: '*/*' } }, resolvePromise);
    req.on('error', reject);
    req.end();
  });
}

async function readCapped(
  response: IncomingMessage,
  maxBytes: number,
): Promise<Buffer | 'too large' | 'broken'> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        response.destroy();
        return 'too large';
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return 'broken';
  }
  if (!response.complete) return 'broken';
  return Buffer.concat(chunks);
}

// Which kind of address, not the address: logs and rows never say where a citizen's link pointed.
function describeAddress(address: string): string {
  return isIP(address.replace(/^\[|\]$/g, '')) === 6 ? 'ipv6 non-public' : 'ipv4 non-public';
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
