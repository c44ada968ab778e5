package io.loomcql.policies;

import io.loomcql.node.Host;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Sends a request first to the replicas of its data, then to the rest of a child policy's plan
 * (the Python driver's {@code cassandra.policies.TokenAwarePolicy(child_policy,
 * shuffle_replicas=False)}). Python's default policy is {@code
 * TokenAwarePolicy(DCAwareRoundRobinPolicy())}.
 *
 * <h2>Plans</h2>
 *
 * The keyspace is the statement's {@link RoutingInfo#keyspace()}, else the working keyspace. If
 * there is no statement (a {@code PREPARE}), no {@link RoutingInfo#routingKey()} or no keyspace,
 * the plan is the child's plan, unchanged. Otherwise it is:
 *
 * <ol>
 *   <li>the replicas of the routing key ({@link ClusterView#replicas}) that are up ({@link
 *       Host#isKnownUp()}) and {@link HostDistance#LOCAL} according to the child, in the token
 *       map's order (primary replica first), or in a random order if {@code shuffleReplicas};
 *   <li>then the child's plan for the same keyspace and statement, minus the replicas already
 *       listed (remote replicas, never listed first, keep their place in the child's plan).
 * </ol>
 *
 * The child's plan is only created if the request gets past the replicas, as with Python's
 * generator. One deliberate difference: Python also drops from the child's part a local replica
 * that was not listed first because it was not marked up; here it keeps its place in the child's
 * plan (the child lists only the nodes it considers live), so a plan never loses a node the child
 * would try.
 *
 * <p>Distances are the child's. Thread-safe if the child is; a plan costs the replica lookup, one
 * small iterator and a copy of the replica list (replication-factor sized), never a copy of the
 * cluster's host list.
 */
public final class TokenAwarePolicy extends WrapperPolicy {

  private static final RandomGenerator THREAD_LOCAL_RANDOM =
      () -> ThreadLocalRandom.current().nextLong();

  private final boolean shuffleReplicas;
  private final RandomGenerator random;

  /** The view given to {@code populate}, or null before. */
  private volatile ClusterView cluster;

  /**
   * Token awareness over {@code child}, replicas in the token map's order (Python's default {@code
   * shuffle_replicas=False}).
   *
   * @param child the policy whose plan follows the replicas, and which decides distances; not null
   */
  public TokenAwarePolicy(LoadBalancingPolicy child) {
    this(child, false);
  }

  /**
   * Token awareness over {@code child}.
   *
   * @param child the policy whose plan follows the replicas, and which decides distances; not null
   * @param shuffleReplicas whether to list the replicas in a random order for each plan, spreading
   *     the load over them rather than favouring the primary replica (Python: {@code
   *     shuffle_replicas}, default {@code False})
   */
  public TokenAwarePolicy(LoadBalancingPolicy child, boolean shuffleReplicas) {
    this(child, shuffleReplicas, THREAD_LOCAL_RANDOM);
  }

  /** As the public constructor, shuffling with {@code random}. Visible for testing. */
  TokenAwarePolicy(LoadBalancingPolicy child, boolean shuffleReplicas, RandomGenerator random) {
    super(child);
    this.shuffleReplicas = shuffleReplicas;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** {@return whether replicas are listed in a random order (Python: {@code shuffle_replicas})} */
  public boolean shuffleReplicas() {
    return shuffleReplicas;
  }

  /** Keeps the view for replica lookups and populates the child. */
  @Override
  public void populate(ClusterView cluster, Collection<Host> hosts) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    super.populate(cluster, hosts);
  }

  /** The local live replicas first, then the child's plan without them; see the class comment. */
  @Override
  public Iterator<Host> newQueryPlan(String workingKeyspace, RoutingInfo statement) {
    if (statement == null) {
      return child().newQueryPlan(workingKeyspace, null);
    }
    String keyspace = statement.keyspace() != null ? statement.keyspace() : workingKeyspace;
    ByteBuffer routingKey = statement.routingKey();
    ClusterView view = cluster;
    if (routingKey == null || keyspace == null || view == null) {
      return child().newQueryPlan(keyspace, statement);
    }
    List<Host> replicas = view.replicas(keyspace, routingKey);
    if (replicas.isEmpty()) {
      return child().newQueryPlan(keyspace, statement);
    }
    Host[] ordered = replicas.toArray(HostArrays.EMPTY);
    if (shuffleReplicas) {
      for (int i = ordered.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Host swap = ordered[i];
        ordered[i] = ordered[j];
        ordered[j] = swap;
      }
    }
    return new Plan(ordered, keyspace, statement);
  }

  @Override
  public String toString() {
    return "TokenAwarePolicy(" + child() + ", shuffleReplicas=" + shuffleReplicas + ")";
  }

  /**
   * The replicas that are up and local, then the child's plan minus them. Owned by one request;
   * not thread-safe. {@code replicas} is this plan's own array: the listed replicas are moved to its
   * front, so {@code replicas[0, listed)} is what the child's part must skip.
   */
  private final class Plan implements Iterator<Host> {
    private final Host[] replicas;
    private final String keyspace;
    private final RoutingInfo statement;
    private int scanned;
    private int listed;
    private Iterator<Host> childPlan;
    private Host next;

    Plan(Host[] replicas, String keyspace, RoutingInfo statement) {
      this.replicas = replicas;
      this.keyspace = keyspace;
      this.statement = statement;
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      while (scanned < replicas.length) {
        Host replica = replicas[scanned++];
        if (replica.isKnownUp() && child().distance(replica) == HostDistance.LOCAL) {
          replicas[listed++] = replica;
          next = replica;
          return true;
        }
      }
      if (childPlan == null) {
        childPlan = child().newQueryPlan(keyspace, statement);
      }
      while (childPlan.hasNext()) {
        Host host = childPlan.next();
        if (!alreadyListed(host)) {
          next = host;
          return true;
        }
      }
      return false;
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

    private boolean alreadyListed(Host host) {
      for (int i = 0; i < listed; i++) {
        if (replicas[i].equals(host)) {
          return true;
        }
      }
      return false;
    }
  }
}
