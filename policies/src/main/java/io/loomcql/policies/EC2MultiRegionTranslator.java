package io.loomcql.policies;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * For clusters spread over several AWS EC2 regions: connects to the private address of nodes in the
 * client's region and the public address of the others (the Python driver's {@code
 * cassandra.policies.EC2MultiRegionTranslator}: "Resolves private ips of the hosts in the same
 * datacenter as the client, and public ips of hosts in other datacenters.").
 *
 * <p>How (Python's {@code translate}): "Reverse DNS the public broadcast_address, then lookup that
 * hostname to get the AWS-resolved IP, which will point to the private IP address within the same
 * datacenter." The forward lookup keeps the first address of the same family (IPv4 or IPv6) as the
 * given one. If either lookup fails, or finds no address of that family, the given address is
 * returned unchanged.
 *
 * <p>Each call does up to two blocking DNS lookups (the JDK caches them); the driver calls it when
 * nodes are discovered, not on the request path. Thread-safe.
 */
public final class EC2MultiRegionTranslator implements AddressTranslator {

  /** The two lookups, replaceable in tests. */
  interface Resolver {
    /** The host name of {@code address}, or its literal if it has none (as Python's getfqdn). */
    String reverse(InetAddress address);

    /** Every address of {@code host}. */
    InetAddress[] forward(String host) throws UnknownHostException;
  }

  private static final Resolver SYSTEM = new Resolver() {
    @Override
    public String reverse(InetAddress address) {
      return address.getCanonicalHostName();
    }

    @Override
    public InetAddress[] forward(String host) throws UnknownHostException {
      return InetAddress.getAllByName(host);
    }
  };

  private final Resolver resolver;

  /** The translator, using the system resolver (Python: {@code EC2MultiRegionTranslator()}). */
  public EC2MultiRegionTranslator() {
    this(SYSTEM);
  }

  /** A translator using {@code resolver}. Visible for testing. */
  EC2MultiRegionTranslator(Resolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * The first address of the node's reverse-DNS name with the same family as {@code address}, or
   * {@code address} if there is none or a lookup fails.
   */
  @Override
  public InetAddress translate(InetAddress address) {
    Objects.requireNonNull(address, "address");
    try {
      // Ask the resolver about the bare address: an InetAddress carrying a host name would make
      // the JDK skip the reverse lookup.
      InetAddress bare = InetAddress.getByAddress(address.getAddress());
      String name = resolver.reverse(bare);
      if (name == null || name.isEmpty()) {
        return address;
      }
      boolean ipv4 = address instanceof Inet4Address;
      for (InetAddress candidate : resolver.forward(name)) {
        if ((candidate instanceof Inet4Address) == ipv4) {
          return candidate;
        }
      }
      return address;
    } catch (UnknownHostException | RuntimeException e) {
      return address;
    }
  }

  @Override
  public String toString() {
    return "EC2MultiRegionTranslator()";
  }
}
