import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";

/** Where tenants' http steps and MCP servers may connect. */
export interface EgressPolicy {
  /** `block`: no loopback, private, link-local (cloud metadata) or other non-public address. */
  privateNetworks: "block" | "allow";
  /** Host names let through even when they resolve to a blocked address (internal services a deployment offers its tenants). */
  allowedHosts?: readonly string[];
}

/** The error a refused connection fails with; the fetch error carries it as its cause. */
export class EgressRefused extends Error {
  readonly code = "EGRESS_BLOCKED";
}

/** Addresses a tenant's step must not reach from inside the deployment's network. */
function nonPublicAddresses(): BlockList {
  const list = new BlockList();
  const v4: Array<[string, number]> = [
    ["0.0.0.0", 8], // "this" network
    ["10.0.0.0", 8], // private
    ["100.64.0.0", 10], // carrier-grade NAT
    ["127.0.0.0", 8], // loopback
    ["169.254.0.0", 16], // link-local: cloud metadata endpoints live here
    ["172.16.0.0", 12], // private
    ["192.0.0.0", 24], // IETF protocol assignments
    ["192.168.0.0", 16], // private
    ["198.18.0.0", 15], // benchmarking
    ["224.0.0.0", 4], // multicast
    ["240.0.0.0", 4], // reserved, broadcast
  ];
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, "ipv4");
  const v6: Array<[string, number]> = [
    ["::", 128], // unspecified
    ["::1", 128], // loopback
    ["fc00::", 7], // unique local
    ["fe80::", 10], // link-local
    ["ff00::", 8], // multicast
  ];
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, "ipv6");
  return list;
}

const NON_PUBLIC = nonPublicAddresses();

/** Whether `address` (IPv4 or IPv6, IPv4-mapped included) is outside the public internet. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // BlockList matches an IPv4-mapped IPv6 address (::ffff:127.0.0.1) against the IPv4 rules too.
  return NON_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}

const refusal = (host: string, address: string) =>
  new EgressRefused(`${host} is ${address}, a loopback, private or link-local address: tenants' steps may not reach it (the operator can allow the host with EGRESS_ALLOWED_HOSTS)`);

/**
 * A DNS lookup (for `net.connect` and everything built on it) that refuses a name any of
 * whose addresses is non-public, unless the name is allowed: a client may try any of them.
 */
export function egressLookup(policy: EgressPolicy): LookupFunction {
  const allowed = allowedHostsOf(policy);
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const exempt = policy.privateNetworks === "allow" || allowed.has(hostname.toLowerCase());
      const blocked = exempt ? undefined : addresses.find((a) => isNonPublicAddress(a.address));
      if (blocked) return callback(refusal(hostname, blocked.address), "", 0);
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** The refusal for dialling `hostname` when it is a literal non-public address (dialled without a lookup); undefined otherwise. */
export function literalRefusal(policy: EgressPolicy, hostname: string): EgressRefused | undefined {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (policy.privateNetworks === "allow" || !isIP(host) || allowedHostsOf(policy).has(host) || !isNonPublicAddress(host)) return undefined;
  return refusal(host, host);
}

const allowedHostsOf = (policy: EgressPolicy) => new Set((policy.allowedHosts ?? []).map((host) => host.toLowerCase()));

/**
 * `fetch` for tenants' http steps under `policy`. The check runs where the connection is
 * made, on the address actually dialled, so neither a redirect nor a DNS answer that
 * changes between a check and the connection (rebinding) gets past it.
 */
export function egressFetch(policy: EgressPolicy): typeof fetch {
  if (policy.privateNetworks === "allow") return fetch;
  const connectTo = buildConnector({ lookup: egressLookup(policy) });
  const dispatcher = new Agent({
    connect: (options, callback) => {
      const refused = literalRefusal(policy, options.hostname);
      if (refused) return callback(refused, null);
      connectTo(options, callback);
    },
  });
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) => undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}

/** The refusal behind a failed fetch, if a refusal was the reason. */
export function egressRefusalOf(error: unknown): EgressRefused | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) if (cause instanceof EgressRefused) return cause;
  return undefined;
}
