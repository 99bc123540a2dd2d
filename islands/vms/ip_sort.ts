// The IP address column's sort: IPv4 addresses by their numbers (10.0.0.9 before 10.0.0.10),
// then IPv6 addresses as written.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * A string that sorts addresses in that order: each IPv4 octet zero-padded to three digits
 * behind "4:", anything else behind "6:"; undefined for no address (the table puts it last).
 */
export function ipSortKey(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const octets = IPV4.exec(address)?.slice(1);
  return octets ? `4:${octets.map((o) => o.padStart(3, "0")).join(".")}` : `6:${address}`;
}
