package io.loomcql.policies;

import io.loomcql.node.Host;

/**
 * Hears about nodes coming and going (the Python driver's {@code
 * cassandra.policies.HostStateListener}). Load-balancing policies are listeners; so are the
 * listeners a user registers with {@code Cluster.registerListener}.
 *
 * <p>The driver calls these methods from its own threads (never a reactor thread), possibly from
 * several threads at once and for several nodes at once; implementations must be thread-safe and
 * should return quickly. Every method does nothing by default, so a listener overrides only what
 * it needs (Python's base class raises {@code NotImplementedError} instead).
 *
 * <p>The host passed in is the shared {@link Host} instance the driver keeps for that node: its
 * state ({@link Host#isUp()}) has already been updated when {@link #onUp} and {@link #onDown} are
 * called.
 */
public interface HostStateListener {

  /**
   * A node was marked up (Python: {@code on_up(host)}). May be called for a node that is already
   * known to be up; implementations must treat it as idempotent.
   *
   * @param host the node; not null
   */
  default void onUp(Host host) {}

  /**
   * A node was marked down (Python: {@code on_down(host)}). May be called for a node already known
   * to be down; implementations must treat it as idempotent.
   *
   * @param host the node; not null
   */
  default void onDown(Host host) {}

  /**
   * A node joined the cluster, or was discovered for the first time; it should be considered up
   * (Python: {@code on_add(host)}).
   *
   * @param host the new node; not null
   */
  default void onAdd(Host host) {}

  /**
   * A node left the cluster (Python: {@code on_remove(host)}).
   *
   * @param host the removed node; not null
   */
  default void onRemove(Host host) {}
}
