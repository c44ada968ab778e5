package io.loomcql.policies;

import io.loomcql.node.Host;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Hides the nodes a predicate rejects from a child policy's decisions (the Python driver's {@code
 * cassandra.policies.HostFilterPolicy(child_policy, predicate)}): a rejected node is {@link
 * HostDistance#IGNORED} and never appears in a plan; an accepted one gets the child's distance and
 * place.
 *
 * <p>As in Python, the child still hears about every node ({@code populate} and the listener
 * methods are passed through unfiltered), and the predicate is evaluated on every {@code distance}
 * call and for every node a plan yields, so it may change its mind (for example when it reads a
 * mutable set): after such a change, call {@code Session.updateCreatedPools()} on each session so
 * it opens and closes pools by the new distances (Python: {@code Session.update_created_pools()}).
 *
 * <p>Thread-safe if the child and the predicate are; the predicate is called concurrently from the
 * request path and must be cheap and non-blocking.
 */
public final class HostFilterPolicy extends WrapperPolicy {

  private final Predicate<Host> predicate;

  /**
   * Filters {@code child} through {@code predicate}.
   *
   * @param child the filtered policy; not null
   * @param predicate accepts the nodes that may be used; not null
   */
  public HostFilterPolicy(LoadBalancingPolicy child, Predicate<Host> predicate) {
    super(child);
    this.predicate = Objects.requireNonNull(predicate, "predicate");
  }

  /**
   * {@return the predicate accepting usable nodes (Python: the read-only property {@code
   * predicate})}
   */
  public Predicate<Host> predicate() {
    return predicate;
  }

  /** {@link HostDistance#IGNORED} if the predicate rejects the node, else the child's distance. */
  @Override
  public HostDistance distance(Host host) {
    return predicate.test(host) ? child().distance(host) : HostDistance.IGNORED;
  }

  /** The child's plan without the nodes the predicate rejects, filtered lazily. */
  @Override
  public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
    return new Filtered(child().newQueryPlan(workingKeyspace, statement), predicate);
  }

  @Override
  public String toString() {
    return "HostFilterPolicy(" + child() + ", " + predicate + ")";
  }

  /** The nodes of a plan that a predicate accepts. Owned by one request; not thread-safe. */
  private static final class Filtered implements Iterator<Host> {
    private final Iterator<Host> plan;
    private final Predicate<Host> predicate;
    private Host next;

    Filtered(Iterator<Host> plan, Predicate<Host> predicate) {
      this.plan = plan;
      this.predicate = predicate;
    }

    @Override
    public boolean hasNext() {
      while (next == null && plan.hasNext()) {
        Host host = plan.next();
        if (predicate.test(host)) {
          next = host;
        }
      }
      return next != null;
    }

    @Override
    public Host next() {
      if (!hasNext()) {
        throw new NoSuchElementException("query plan exhausted");
      }
      Host host = next;
      next = null;
      return host;
    }
  }
}
