package io.loomcql.pool;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.UUID;

/**
 * A Cassandra node as the driver knows it, the Java form of the Python driver's
 * {@code cassandra.pool.Host}. Identified by the address and port the driver connects to; its
 * other attributes (data center, rack, version, host id, state) are filled in and updated by
 * the driver as it learns about the cluster, and may be read from any thread.
 *
 * <p>Load-balancing policies, metadata and listeners all see the same instances.
 */
public final class Host {

  private final InetSocketAddress endpoint;
  private volatile String datacenter;
  private volatile String rack;
  private volatile UUID hostId;
  private volatile String releaseVersion;
  private volatile InetAddress broadcastAddress;
  private volatile Boolean up;

  /**
   * A node reached at {@code endpoint} (address and native port), its other attributes unknown
   * until {@link #setLocationInfo}, {@link #setHostId} and the like fill them in.
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

  /** {@return the node's data center, or null until known} */
  public String datacenter() {
    return datacenter;
  }

  /** {@return the node's rack, or null until known} */
  public String rack() {
    return rack;
  }

  /**
   * Sets the node's data center and rack (the driver calls this as it reads system.local /
   * system.peers).
   */
  public void setLocationInfo(String datacenter, String rack) {
    this.datacenter = datacenter;
    this.rack = rack;
  }

  /** {@return the node's host id from system.local / system.peers, or null until known} */
  public UUID hostId() {
    return hostId;
  }

  /** Sets the node's host id (the driver calls this as it reads system.local / system.peers). */
  public void setHostId(UUID hostId) {
    this.hostId = hostId;
  }

  /** {@return the Cassandra version the node reports, e.g. "5.0.6", or null until known} */
  public String releaseVersion() {
    return releaseVersion;
  }

  /**
   * Sets the Cassandra version the node reports (the driver calls this as it reads system.local /
   * system.peers).
   */
  public void setReleaseVersion(String releaseVersion) {
    this.releaseVersion = releaseVersion;
  }

  /** {@return the address the node announces to its peers (may differ from the connect address)} */
  public InetAddress broadcastAddress() {
    return broadcastAddress;
  }

  /**
   * Sets the address the node announces to its peers (the driver calls this as it reads
   * system.local / system.peers).
   */
  public void setBroadcastAddress(InetAddress broadcastAddress) {
    this.broadcastAddress = broadcastAddress;
  }

  /** {@return true if the node is considered up, false if down, null while unknown} */
  public Boolean isUp() {
    return up;
  }

  /** {@return whether the node is known to be up (unknown counts as not up)} */
  public boolean isKnownUp() {
    return Boolean.TRUE.equals(up);
  }

  /** Marks the node up (the driver calls this when it learns of the node or sees it come back). */
  public void setUp() {
    this.up = Boolean.TRUE;
  }

  /** Marks the node down (the driver calls this when it considers the node down). */
  public void setDown() {
    this.up = Boolean.FALSE;
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
        + datacenter + ">";
  }
}
