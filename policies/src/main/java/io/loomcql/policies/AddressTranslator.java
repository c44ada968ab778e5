package io.loomcql.policies;

import java.net.InetAddress;

/**
 * Translates the address a node announces into the address the driver should connect to (the
 * Python driver's {@code cassandra.policies.AddressTranslator}): "The driver discovers nodes using
 * server metadata and topology change events. Normally, the endpoint defined by the server is the
 * right way to connect to a node. In some environments, these addresses may not be reachable, or
 * not preferred (public vs. private IPs in cloud environments, suboptimal routing, etc)."
 *
 * <p>As in Python ({@code Cluster.address_translator}, default {@link IdentityTranslator}), the
 * driver translates the addresses of peers read from {@code system.peers}/{@code peers_v2} and from
 * topology events; the contact points given to the cluster are not translated. The port is kept.
 *
 * <p>Called from the driver's control-connection thread when nodes are discovered, never on the
 * request path; it may block briefly (a DNS lookup) but must be thread-safe.
 */
@FunctionalInterface
public interface AddressTranslator {

  /**
   * The address to connect to for a node announcing {@code address} (Python: {@code
   * translate(addr)}).
   *
   * @param address the node's announced address; not null
   * @return the address to connect to, never null ({@code address} itself if there is nothing to
   *     translate)
   */
  InetAddress translate(InetAddress address);
}
