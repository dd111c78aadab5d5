import { lookup as dnsLookup } from 'node:dns/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, fetch } from 'undici';
import { isPublicAddress } from './address.js';

export const USER_AGENT = 'Newsdesk/0.1 (feed reader; +https://github.com/newsdesk)';
const MAX_REDIRECTS = 5;

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Resolves a host name to every address it has (injectable, so tests can play DNS). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchPolicy {
  /** Resolver for host names; the default asks the system (getaddrinfo). */
  resolve?: Resolver;
  /** FEEDS_ALLOW_PRIVATE: lets fetches reach loopback and private addresses (tests, local use). */
  allowPrivate?: boolean;
  /** Which addresses count as public; defaults to isPublicAddress (tests may widen it to one local address). */
  isPublic?: (address: string) => boolean;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxBytes?: number;
  /** Clock for Retry-After dates. */
  now?: () => number;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; url: string; body: Uint8Array; contentType: string | null; etag: string | null; lastModified: string | null };

/** A fetch that failed; `retryAfterMs` when the server said when to come back (429/503). */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Fetches http(s) URLs that people typed, safely: every address a host name resolves to must be
 * public, checked in the socket's own lookup (so the address checked is the address connected to,
 * at every redirect), redirects are followed by hand (at most 5, http/https only), and the body is
 * streamed under a byte cap counted after decompression, within connect and total time-outs.
 */
export class SafeFetcher {
  private readonly agent: Agent;
  private readonly maxBytes: number;
  private readonly totalTimeoutMs: number;
  private readonly now: () => number;
  private readonly allowed: (address: string) => boolean;

  constructor(policy: FetchPolicy = {}) {
    const resolve = policy.resolve ?? systemResolver;
    const isPublic = policy.isPublic ?? isPublicAddress;
    this.allowed = (address) => policy.allowPrivate === true || isPublic(address);
    this.maxBytes = policy.maxBytes ?? 5 * 1024 * 1024;
    this.totalTimeoutMs = policy.totalTimeoutMs ?? 30_000;
    this.now = policy.now ?? Date.now;
    const lookup: LookupFunction = (hostname, options, callback) => {
      resolve(hostname).then(
        (addresses) => {
          const refused = addresses.find((a) => !this.allowed(a.address));
          if (addresses.length === 0) callback(new Error(`${hostname} has no address`), '', 4);
          else if (refused) callback(new RefusedAddress(hostname, refused.address), '', 4);
          else if (options.all) (callback as unknown as (e: null, all: ResolvedAddress[]) => void)(null, addresses);
          else callback(null, addresses[0]!.address, addresses[0]!.family);
        },
        (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
      );
    };
    this.agent = new Agent({ connect: { lookup, timeout: policy.connectTimeoutMs ?? 10_000 } });
  }

  async fetch(url: string, validators: Validators = {}, accept = '*/*'): Promise<FetchResult> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.totalTimeoutMs);
    try {
      return await this.follow(url, validators, accept, abort.signal);
    } catch (error) {
      if (abort.signal.aborted) throw new FetchError(`timed out after ${this.totalTimeoutMs / 1000} s`);
      throw error instanceof FetchError ? error : new FetchError(describe(error));
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async follow(start: string, validators: Validators, accept: string, signal: AbortSignal): Promise<FetchResult> {
    let url = start;
    for (let hop = 0; ; hop++) {
      const target = this.checkUrl(url);
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept, 'accept-encoding': 'gzip, deflate, br' };
      if (hop === 0 && validators.etag) headers['if-none-match'] = validators.etag;
      if (hop === 0 && validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      const response = await fetch(target, { headers, redirect: 'manual', signal, dispatcher: this.agent });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new FetchError(`more than ${MAX_REDIRECTS} redirects`);
        url = new URL(location, target).href;
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: 'not-modified' };
      }
      if (!response.ok) {
        await response.body?.cancel();
        const retryAfter = [429, 503].includes(response.status) ? retryAfterMs(response.headers.get('retry-after'), this.now()) : null;
        throw new FetchError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, retryAfter);
      }
      return {
        status: 'ok',
        url: target.href,
        body: await this.readCapped(response.body, Number(response.headers.get('content-length') ?? NaN)),
        contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    }
  }

  /** Only http(s); a literal IP address is checked here, since no lookup happens for it. */
  private checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new FetchError(`not a valid URL: ${raw}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new FetchError(`only http and https URLs are fetched, not ${url.protocol}`);
    if (url.username || url.password) throw new FetchError('URLs with a user name or password are not fetched');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.allowed(host)) throw new RefusedAddress(host, host);
    return url;
  }

  private async readCapped(body: WebStream<Uint8Array> | null, declared: number): Promise<Uint8Array> {
    if (!body) return new Uint8Array();
    const tooLarge = () => new FetchError(`the body is larger than ${Math.round(this.maxBytes / 1024 / 1024)} MB`);
    if (declared > this.maxBytes) {
      await body.cancel();
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > this.maxBytes) {
        await body.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }
}

class RefusedAddress extends FetchError {
  constructor(host: string, address: string) {
    super(`refused: ${host} resolves to ${address}, which is not a public address (FEEDS_ALLOW_PRIVATE=1 allows it for local use)`);
  }
}

/** Retry-After as a delay: whole seconds, or an HTTP date relative to `now`. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The useful part of a fetch failure: undici wraps the real reason in `cause`. */
function describe(error: unknown): string {
  let current = error as (Error & { cause?: unknown; code?: string }) | undefined;
  while (current?.cause instanceof Error) current = current.cause as Error & { cause?: unknown };
  if (current instanceof FetchError) return current.message;
  return current?.code ? `${current.code}: ${current.message}` : (current?.message ?? String(error));
}
