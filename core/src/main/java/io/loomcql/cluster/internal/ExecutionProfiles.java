package io.loomcql.cluster.internal;

import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.policies.ClusterView;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.node.Host;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's execution profiles by name, and the fan-out to their load-balancing policies: node
 * events reach each distinct policy once, and a node's distance (for pool sizing) is the closest
 * any policy gives it. Profiles are registered under {@link #lock}; readers (every request, the
 * admin thread) see the latest map and policy array without locking.
 */
public final class ExecutionProfiles {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionProfiles.class);

  /** The name of the default profile; the same as {@code Cluster.EXEC_PROFILE_DEFAULT}. */
  public static final String DEFAULT = "default";

  private final String clusterName;
  private final LoadBalancingPolicy defaultPolicy;
  private final RetryPolicy defaultRetryPolicy;
  private final ConcurrentHashMap<String, ExecutionProfile> profiles = new ConcurrentHashMap<>();
  /** Guards registration and population; {@link #policies} and {@link #populated} are written under it. */
  private final ReentrantLock lock = new ReentrantLock();
  /** The distinct load-balancing policies of all profiles. */
  private volatile LoadBalancingPolicy[] policies;
  private boolean populated;

  /** Registers {@code configured} (the default profile among them, else the defaults). */
  public ExecutionProfiles(String clusterName, ClusterConfig config) {
    this.clusterName = clusterName;
    this.defaultPolicy = config.loadBalancingPolicy();
    this.defaultRetryPolicy = config.defaultRetryPolicy();
    config.executionProfiles().forEach((name, profile) -> profiles.put(name, resolve(profile)));
    profiles.computeIfAbsent(DEFAULT, unused -> resolve(ExecutionProfile.defaults()));
    this.policies = distinctPolicies();
  }

  /** {@return {@code profile} with the cluster's policies where it has none} */
  public ExecutionProfile resolve(ExecutionProfile profile) {
    ExecutionProfile resolved = profile;
    if (resolved.loadBalancingPolicy() == null) {
      resolved = resolved.withLoadBalancingPolicy(defaultPolicy);
    }
    if (resolved.retryPolicy() == null) {
      resolved = resolved.withRetryPolicy(defaultRetryPolicy);
    }
    return resolved;
  }

  /**
   * {@return the profile registered as {@code name}}
   *
   * @throws IllegalArgumentException if no profile has that name
   */
  public ExecutionProfile named(String name) {
    ExecutionProfile profile = profiles.get(name);
    if (profile == null) {
      throw new IllegalArgumentException(
          "Invalid execution profile: '" + name + "'; valid profiles are: " + profiles.keySet());
    }
    return profile;
  }

  /**
   * {@return the profile {@code chosen} names (a name or an instance, the cluster's policies
   * filled in), or {@code sessionDefault} for null and the default profile's name}
   *
   * @throws IllegalArgumentException for an unknown name or neither a name nor a profile
   */
  public ExecutionProfile choose(Object chosen, ExecutionProfile sessionDefault) {
    return switch (chosen) {
      case null -> sessionDefault;
      case String name when name.equals(DEFAULT) -> sessionDefault;
      case String name -> named(name);
      case ExecutionProfile profile -> resolve(profile);
      default ->
          throw new IllegalArgumentException(
              "An execution profile is a name or an ExecutionProfile, got " + chosen.getClass().getName());
    };
  }

  /** {@return every registered profile by name, an immutable copy} */
  public Map<String, ExecutionProfile> all() {
    return Map.copyOf(profiles);
  }

  /**
   * Registers {@code profile} (resolved) as {@code name}; populates its load-balancing policy if
   * the others are populated and it is a new one.
   *
   * @throws IllegalArgumentException if a profile of that name exists
   */
  public void add(String name, ExecutionProfile profile, ClusterView view, Collection<Host> hosts) {
    ExecutionProfile resolved = resolve(profile);
    lock.lock();
    try {
      if (profiles.putIfAbsent(name, resolved) != null) {
        throw new IllegalArgumentException("Profile " + name + " already exists");
      }
      LoadBalancingPolicy[] before = policies;
      LoadBalancingPolicy[] after = distinctPolicies();
      if (populated && after.length > before.length) {
        populate(new LoadBalancingPolicy[] {resolved.loadBalancingPolicy()}, view, hosts);
      }
      policies = after;
    } finally {
      lock.unlock();
    }
  }

  /** Gives every policy the cluster's nodes, once connected; later profiles are populated as added. */
  public void populateAll(ClusterView view, Collection<Host> hosts) {
    lock.lock();
    try {
      populate(policies, view, hosts);
      populated = true;
    } finally {
      lock.unlock();
    }
  }

  private static void populate(LoadBalancingPolicy[] toPopulate, ClusterView view, Collection<Host> hosts) {
    for (LoadBalancingPolicy policy : toPopulate) {
      policy.populate(view, hosts);
      policy.checkSupported();
    }
  }

  private LoadBalancingPolicy[] distinctPolicies() {
    Set<LoadBalancingPolicy> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    // Only the profiles' policies: the cluster-wide one counts through the profiles that set none,
    // so a default profile with its own policy keeps pools away from the nodes that policy ignores.
    for (ExecutionProfile profile : profiles.values()) {
      distinct.add(profile.loadBalancingPolicy());
    }
    return distinct.toArray(LoadBalancingPolicy[]::new);
  }

  /** Tells every distinct policy of a node event; a policy that throws is logged and skipped. */
  public void forEachPolicy(Consumer<LoadBalancingPolicy> event) {
    for (LoadBalancingPolicy policy : policies) {
      try {
        event.accept(policy);
      } catch (RuntimeException e) {
        LOG.warn("{}: load-balancing policy {} failed on a node event", clusterName, policy, e);
      }
    }
  }

  /**
   * How far a node is, for pool sizing: the closest distance any execution profile's
   * load-balancing policy gives it (IGNORED only if all of them ignore it).
   */
  public HostDistance distance(Host host) {
    HostDistance best = HostDistance.IGNORED;
    for (LoadBalancingPolicy policy : policies) {
      HostDistance distance = policy.distance(host);
      if (distance == HostDistance.LOCAL) {
        return distance;
      }
      if (distance == HostDistance.REMOTE) {
        best = distance;
      }
    }
    return best;
  }
}
