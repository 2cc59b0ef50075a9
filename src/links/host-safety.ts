import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Hosts hutong never sends a viewer to: addresses that are not on the public internet (loopback,
 * private, link-local, carrier NAT, documentation, multicast…) and names that only mean something
 * inside a network (`localhost`, `*.local`…). A link there from the platform's own domain would
 * point viewers' browsers at their router or at services on their own machine.
 *
 * The host is read as the WHATWG URL parser leaves it, which has already turned every numeric
 * trick into its one spelling: `2130706433`, `0x7f.1`, `017700000001` and `127.1` are `127.0.0.1`,
 * `[::ffff:127.0.0.1]` is `[::ffff:7f00:1]`. Names are never resolved (nothing here looks up DNS):
 * a public name pointing at a private address is not caught, and the viewer's own resolver decides.
 */
// Two lists: a BlockList checks an IPv4 address against its IPv6 rules too (as ::ffff:a.b.c.d),
// and the IPv4-mapped rule below would then refuse every IPv4 address.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (and cloud metadata services)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) blockedV4.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback (::1) and IPv4-compatible (::127.0.0.1)
  ['::ffff:0:0', 96], // IPv4-mapped: whatever IPv4 it carries, a link has no reason to spell it so
  ['64:ff9b::', 96], // NAT64: reaches any IPv4, private ones included
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds any IPv4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) blockedV6.addSubnet(net, bits, 'ipv6');

/** Names that resolve only on the viewer's own machine or network. */
const localNames = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/;

/**
 * True when `hostname` (as `URL.hostname` gives it: lower case, IPv6 in brackets) is not a public
 * host. A trailing dot is ignored (`localhost.` is `localhost`).
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) {
    const address = host.slice(1, -1);
    // A zone (fe80::1%eth0) only exists on link-local addresses.
    return !isIPv6(address) || address.includes('%') || blockedV6.check(address, 'ipv6');
  }
  if (isIPv4(host)) return blockedV4.check(host, 'ipv4');
  if (isIPv6(host)) return blockedV6.check(host, 'ipv6');
  return host === '' || localNames.test(host);
}
