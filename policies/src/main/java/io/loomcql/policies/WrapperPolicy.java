package io.loomcql.policies;

import io.loomcql.node.Host;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;

/**
 * A load-balancing policy that wraps a child policy (the Python driver's {@code
 * cassandra.policies.WrapperPolicy}): every method hands over to the child, so a subclass
 * overrides only what it changes. {@link TokenAwarePolicy} reorders the child's plans and {@link
 * HostFilterPolicy} filters them; both leave the child's view of the cluster (populate and the
 * listener methods) as it is.
 *
 * <p>Thread-safe if the child is and the subclass's own state is.
 */
public abstract class WrapperPolicy implements LoadBalancingPolicy {

  private final LoadBalancingPolicy child;

  /**
   * Wraps {@code child}.
   *
   * @param child the wrapped policy; not null
   */
  protected WrapperPolicy(LoadBalancingPolicy child) {
    this.child = Objects.requireNonNull(child, "child");
  }

  /** {@return the wrapped policy (Python: {@code _child_policy})} */
  public final LoadBalancingPolicy child() {
    return child;
  }

  /** Populates the child. */
  @Override
  public void populate(ClusterView cluster, Collection<Host> hosts) {
    child.populate(cluster, hosts);
  }

  /** The child's check. */
  @Override
  public void checkSupported() {
    child.checkSupported();
  }

  /** The child's distance. */
  @Override
  public HostDistance distance(Host host) {
    return child.distance(host);
  }

  /** The child's plan. */
  @Override
  public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
    return child.newQueryPlan(workingKeyspace, statement);
  }

  /** Tells the child. */
  @Override
  public void onUp(Host host) {
    child.onUp(host);
  }

  /** Tells the child. */
  @Override
  public void onDown(Host host) {
    child.onDown(host);
  }

  /** Tells the child. */
  @Override
  public void onAdd(Host host) {
    child.onAdd(host);
  }

  /** Tells the child. */
  @Override
  public void onRemove(Host host) {
    child.onRemove(host);
  }
}
