package io.loomcql.policies;

/**
 * How far a node is from the client, as decided by the load-balancing policy (the Python driver's
 * {@code cassandra.policies.HostDistance}). The distance decides whether the driver opens
 * connections to the node at all, and how many.
 */
public enum HostDistance {
  /** The driver opens no connection to the node and never sends it a request (Python: -1). */
  IGNORED(-1),
  /** The node is in the local datacenter, or all nodes are local (Python: 0). */
  LOCAL(0),
  /** The node is in a remote datacenter and may be used as a fallback (Python: 1). */
  REMOTE(1);

  private final int code;

  HostDistance(int code) {
    this.code = code;
  }

  /**
   * The Python driver's integer value of this distance: {@code IGNORED=-1, LOCAL=0, REMOTE=1}.
   * Smaller non-negative values are closer.
   */
  public int code() {
    return code;
  }
}
