package io.loomcql.node.internal;

import io.loomcql.node.Host;
import java.util.UUID;

/**
 * The one way to change a {@link Host}: the driver's core calls these as it learns about a node
 * (from {@code system.local}, {@code system.peers} and the server's events). This package is
 * exported to the driver's core only, so user code holds hosts it can read but not change.
 *
 * <p>{@code Host} keeps its fields private and hands this class a {@link Writer} once, when the
 * class is initialized (a host passed here exists, so its class is initialized).
 */
public final class HostUpdater {

  /** What {@link Host} gives this class, once, when it is initialized. */
  public interface Writer {
    void location(Host host, String datacenter, String rack);

    void hostId(Host host, UUID hostId);

    void releaseVersion(Host host, String releaseVersion);

    void addresses(Host host, Host.Addresses addresses);

    void up(Host host, boolean up);
  }

  private static volatile Writer writer;

  private HostUpdater() {}

  /** Called by {@link Host}'s static initializer; later calls are refused. */
  public static void install(Writer w) {
    if (writer != null) {
      throw new IllegalStateException("HostUpdater is already installed");
    }
    writer = w;
  }

  /** Replaces the node's data center and rack together (one write: readers see both or neither). */
  public static void setLocation(Host host, String datacenter, String rack) {
    writer.location(host, datacenter, rack);
  }

  /** Sets the node's host id. */
  public static void setHostId(Host host, UUID hostId) {
    writer.hostId(host, hostId);
  }

  /** Sets the Cassandra version the node reports. */
  public static void setReleaseVersion(Host host, String releaseVersion) {
    writer.releaseVersion(host, releaseVersion);
  }

  /**
   * Replaces the node's announced addresses and ports together (one write: readers see all the
   * new ones or none).
   */
  public static void setAddresses(Host host, Host.Addresses addresses) {
    writer.addresses(host, addresses);
  }

  /** Marks the node up (the driver learned of it or saw it come back). */
  public static void markUp(Host host) {
    writer.up(host, true);
  }

  /** Marks the node down (the driver considers it down). */
  public static void markDown(Host host) {
    writer.up(host, false);
  }
}
