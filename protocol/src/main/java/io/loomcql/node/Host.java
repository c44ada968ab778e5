package io.loomcql.node;

import io.loomcql.node.internal.HostUpdater;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.UUID;

/**
 * A Cassandra node as the driver knows it, the Java form of the Python driver's
 * {@code cassandra.pool.Host}. Identified by the address and port the driver connects to; its
 * other attributes (data center, rack, version, host id, state) are learned by the driver as it
 * reads {@code system.local} and {@code system.peers} and follows the server's events, and may be
 * read from any thread.
 *
 * <p>Read-only to users: only the driver changes a node's attributes (through an updater in a
 * package this module exports to the driver's core alone). Load-balancing policies, metadata and
 * listeners all see the same instances.
 */
public final class Host {

  /**
   * Where a node sits: its data center and rack, replaced as one value so that a reader never
   * sees a new data center with the previous rack.
   *
   * @param datacenter the data center's name, or null while unknown
   * @param rack the rack's name, or null while unknown
   */
  public record Location(String datacenter, String rack) {
    static final Location UNKNOWN = new Location(null, null);
  }

  /**
   * The addresses and ports a node announces in {@code system.local} (all five) or {@code
   * system.peers} / {@code system.peers_v2} (the broadcast address, and the two ports in
   * peers_v2; the peers tables have no listen address or port), replaced as one value so that a
   * reader never sees a new address with the previous ports.
   *
   * @param broadcastAddress the address the node announces to its peers ({@code
   *     broadcast_address} in system.local, {@code peer} in the peers tables; may differ from the
   *     connect address), or null while unknown
   * @param broadcastPort the inter-node port the node announces ({@code broadcast_port} in
   *     system.local, {@code peer_port} in system.peers_v2), or null when not reported
   * @param broadcastRpcPort the native-protocol port the node announces ({@code rpc_port} in
   *     system.local, {@code native_port} in system.peers_v2), or null when not reported
   * @param listenAddress the address the node listens on for its peers ({@code listen_address}),
   *     known for the node of the control connection only, else null
   * @param listenPort the port the node listens on for its peers ({@code listen_port}), known for
   *     the node of the control connection only, else null
   */
  public record Addresses(
      InetAddress broadcastAddress,
      Integer broadcastPort,
      Integer broadcastRpcPort,
      InetAddress listenAddress,
      Integer listenPort) {
    static final Addresses UNKNOWN = new Addresses(null, null, null, null, null);
  }

  static {
    HostUpdater.install(
        new HostUpdater.Writer() {
          @Override
          public void location(Host host, String datacenter, String rack) {
            host.location = new Location(datacenter, rack);
          }

          @Override
          public void hostId(Host host, UUID hostId) {
            host.hostId = hostId;
          }

          @Override
          public void releaseVersion(Host host, String releaseVersion) {
            host.releaseVersion = releaseVersion;
          }

          @Override
          public void addresses(Host host, Addresses addresses) {
            host.addresses = addresses;
          }

          @Override
          public void up(Host host, boolean up) {
            host.up = up;
          }
        });
  }

  private final InetSocketAddress endpoint;
  // Each field below is written only through HostUpdater, by the driver's admin thread.
  private volatile Location location = Location.UNKNOWN;
  private volatile UUID hostId;
  private volatile String releaseVersion;
  private volatile Addresses addresses = Addresses.UNKNOWN;
  private volatile Boolean up;

  /**
   * A node reached at {@code endpoint} (address and native port), its other attributes unknown
   * and its state unknown (neither up nor down). The driver creates the nodes it discovers; a
   * user creates one only to name a node (for example in a test of a load-balancing policy).
   */
  public Host(InetSocketAddress endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /** Where the driver connects to this node (address and native port). */
  public InetSocketAddress endpoint() {
    return endpoint;
  }

  /** The address part of {@link #endpoint()}. */
  public InetAddress address() {
    return endpoint.getAddress();
  }

  /** {@return the node's data center and rack, read together (each null until known)} */
  public Location location() {
    return location;
  }

  /** {@return the node's data center, or null until known} */
  public String datacenter() {
    return location.datacenter();
  }

  /** {@return the node's rack, or null until known} */
  public String rack() {
    return location.rack();
  }

  /** {@return the node's host id from system.local / system.peers, or null until known} */
  public UUID hostId() {
    return hostId;
  }

  /** {@return the Cassandra version the node reports, e.g. "5.0.6", or null until known} */
  public String releaseVersion() {
    return releaseVersion;
  }

  /** {@return the address the node announces to its peers (may differ from the connect address)} */
  public InetAddress broadcastAddress() {
    return addresses.broadcastAddress();
  }

  /** {@return the announced addresses and ports, read together (each null while unknown)} */
  public Addresses addresses() {
    return addresses;
  }

  /** {@return the inter-node port the node announces (the Python driver's broadcast_port), or null} */
  public Integer broadcastPort() {
    return addresses.broadcastPort();
  }

  /** {@return the native-protocol port the node announces (broadcast_rpc_port), or null} */
  public Integer broadcastRpcPort() {
    return addresses.broadcastRpcPort();
  }

  /** {@return the node's listen address (listen_address), known for the control node only, or null} */
  public InetAddress listenAddress() {
    return addresses.listenAddress();
  }

  /** {@return the node's listen port (listen_port), known for the control node only, or null} */
  public Integer listenPort() {
    return addresses.listenPort();
  }

  /** {@return true if the node is considered up, false if down, null while unknown} */
  public Boolean isUp() {
    return up;
  }

  /** {@return whether the node is known to be up (unknown counts as not up)} */
  public boolean isKnownUp() {
    return Boolean.TRUE.equals(up);
  }

  /** Hosts are equal when their endpoints are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Host that && endpoint.equals(that.endpoint);
  }

  @Override
  public int hashCode() {
    return endpoint.hashCode();
  }

  /** {@code <Host: 127.0.0.1:9042 dc1>}, as the Python driver's repr. */
  @Override
  public String toString() {
    return "<Host: " + endpoint.getAddress().getHostAddress() + ":" + endpoint.getPort() + " "
        + location.datacenter() + ">";
  }
}
