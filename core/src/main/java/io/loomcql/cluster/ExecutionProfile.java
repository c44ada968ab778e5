package io.loomcql.cluster;

import io.loomcql.ConsistencyLevel;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.NoSpeculativeExecutionPolicy;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.policies.SpeculativeExecutionPolicy;
import io.loomcql.query.Row;
import io.loomcql.query.RowFactory;
import io.loomcql.query.internal.StatementOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a request is executed: which nodes it goes to, how failures are retried, at which
 * consistency, for how long the client waits, and whether it is sent speculatively (the Python
 * driver's {@code cassandra.cluster.ExecutionProfile}). Profiles are registered by name with the
 * cluster ({@link Cluster.Builder#executionProfile}, {@link Cluster#addExecutionProfile}); a
 * statement picks one by name or instance ({@link io.loomcql.query.Statement#setExecutionProfile},
 * {@link Session#execute(io.loomcql.query.Statement, String)}); without one it runs with the
 * {@link Cluster#EXEC_PROFILE_DEFAULT} profile.
 *
 * <pre>{@code
 * ExecutionProfile analytics = ExecutionProfile.builder()
 *     .consistencyLevel(ConsistencyLevel.ALL)
 *     .requestTimeout(Duration.ofMinutes(1))
 *     .build();
 * Cluster cluster = Cluster.builder().executionProfile("analytics", analytics).build();
 * session.execute(statement, "analytics");
 * }</pre>
 *
 * <p>Defaults are Python's, with one difference: a null {@link #loadBalancingPolicy()} or {@link
 * #retryPolicy()} means "the cluster's" ({@code Cluster.Builder.loadBalancingPolicy}, default
 * {@code TokenAwarePolicy(DCAwareRoundRobinPolicy())}, and {@code defaultRetryPolicy}, default
 * {@code DefaultRetryPolicy}), where Python creates a fresh default instance per profile; both
 * plan the same, and sharing the cluster's spares one policy state per profile.
 *
 * <p>Immutable and thread-safe; change one with the {@code with*} methods or {@link #toBuilder()}.
 */
public final class ExecutionProfile {

  private static final ExecutionProfile DEFAULTS = new Builder().build();

  private final LoadBalancingPolicy loadBalancingPolicy;
  private final RetryPolicy retryPolicy;
  private final ConsistencyLevel consistencyLevel;
  private final ConsistencyLevel serialConsistencyLevel;
  private final Duration requestTimeout;
  private final RowFactory<?> rowFactory;
  private final SpeculativeExecutionPolicy speculativeExecutionPolicy;

  private ExecutionProfile(Builder builder) {
    this.loadBalancingPolicy = builder.loadBalancingPolicy;
    this.retryPolicy = builder.retryPolicy;
    this.consistencyLevel = builder.consistencyLevel;
    this.serialConsistencyLevel = builder.serialConsistencyLevel;
    this.requestTimeout = builder.requestTimeout;
    this.rowFactory = builder.rowFactory;
    this.speculativeExecutionPolicy = builder.speculativeExecutionPolicy;
  }

  /** {@return a profile with every default (Python: {@code ExecutionProfile()})} */
  public static ExecutionProfile defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this profile's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Which nodes requests go to, in which order (Python: {@code load_balancing_policy}); null (the
   * default) for the cluster's.
   */
  public LoadBalancingPolicy loadBalancingPolicy() {
    return loadBalancingPolicy;
  }

  /**
   * What to do when an attempt fails (Python: {@code retry_policy}); null (the default) for the
   * cluster's {@code defaultRetryPolicy}. A statement's own retry policy takes precedence.
   */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * {@return the consistency level of statements that set none (Python default {@code LOCAL_ONE})}
   */
  public ConsistencyLevel consistencyLevel() {
    return consistencyLevel;
  }

  /**
   * The serial consistency level of conditional statements that set none, or null (the default:
   * the server's, SERIAL).
   */
  public ConsistencyLevel serialConsistencyLevel() {
    return serialConsistencyLevel;
  }

  /**
   * How long the client waits for a request, retries and speculative executions included (Python
   * default 10 s); null for no client-side timeout.
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The row factory of results of this profile, read through {@code ResultSet.rowFactory()}
   * (Python default {@code named_tuple_factory}: {@link RowFactory#namedTuple()}, rows as {@link
   * Row}).
   */
  public RowFactory<?> rowFactory() {
    return rowFactory;
  }

  /**
   * When to send idempotent requests to more nodes before the first answers (Python default
   * {@code NoSpeculativeExecutionPolicy}).
   */
  public SpeculativeExecutionPolicy speculativeExecutionPolicy() {
    return speculativeExecutionPolicy;
  }

  /** This profile with another load-balancing policy (null: the cluster's). */
  public ExecutionProfile withLoadBalancingPolicy(LoadBalancingPolicy policy) {
    return toBuilder().loadBalancingPolicy(policy).build();
  }

  /** This profile with another retry policy (null: the cluster's). */
  public ExecutionProfile withRetryPolicy(RetryPolicy policy) {
    return toBuilder().retryPolicy(policy).build();
  }

  /** This profile with another consistency level. */
  public ExecutionProfile withConsistencyLevel(ConsistencyLevel level) {
    return toBuilder().consistencyLevel(level).build();
  }

  /** This profile with another serial consistency level (null: the server's). */
  public ExecutionProfile withSerialConsistencyLevel(ConsistencyLevel level) {
    return toBuilder().serialConsistencyLevel(level).build();
  }

  /** This profile with another request timeout (null: none). */
  public ExecutionProfile withRequestTimeout(Duration timeout) {
    return toBuilder().requestTimeout(timeout).build();
  }

  /** This profile with another row factory. */
  public ExecutionProfile withRowFactory(RowFactory<?> factory) {
    return toBuilder().rowFactory(factory).build();
  }

  /** This profile with another speculative execution policy. */
  public ExecutionProfile withSpeculativeExecutionPolicy(SpeculativeExecutionPolicy policy) {
    return toBuilder().speculativeExecutionPolicy(policy).build();
  }

  @Override
  public String toString() {
    return "ExecutionProfile(loadBalancingPolicy="
        + (loadBalancingPolicy == null ? "<cluster's>" : loadBalancingPolicy)
        + ", retryPolicy=" + (retryPolicy == null ? "<cluster's>" : retryPolicy)
        + ", consistencyLevel=" + consistencyLevel
        + ", serialConsistencyLevel=" + serialConsistencyLevel
        + ", requestTimeout=" + requestTimeout
        + ", speculativeExecutionPolicy=" + speculativeExecutionPolicy + ")";
  }

  /** Configures an {@link ExecutionProfile}; starts from Python's defaults. Not thread-safe. */
  public static final class Builder {

    private LoadBalancingPolicy loadBalancingPolicy;
    private RetryPolicy retryPolicy;
    private ConsistencyLevel consistencyLevel = ConsistencyLevel.LOCAL_ONE;
    private ConsistencyLevel serialConsistencyLevel;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private RowFactory<?> rowFactory = RowFactory.namedTuple();
    private SpeculativeExecutionPolicy speculativeExecutionPolicy =
        new NoSpeculativeExecutionPolicy();

    private Builder() {}

    private Builder(ExecutionProfile from) {
      this.loadBalancingPolicy = from.loadBalancingPolicy;
      this.retryPolicy = from.retryPolicy;
      this.consistencyLevel = from.consistencyLevel;
      this.serialConsistencyLevel = from.serialConsistencyLevel;
      this.requestTimeout = from.requestTimeout;
      this.rowFactory = from.rowFactory;
      this.speculativeExecutionPolicy = from.speculativeExecutionPolicy;
    }

    /**
     * The load-balancing policy (default null: the cluster's). A policy instance serves one
     * cluster only; it may be shared by several profiles of that cluster.
     */
    public Builder loadBalancingPolicy(LoadBalancingPolicy policy) {
      this.loadBalancingPolicy = policy;
      return this;
    }

    /** The retry policy (default null: the cluster's {@code defaultRetryPolicy}). */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = policy;
      return this;
    }

    /** The consistency level (default LOCAL_ONE); not null. */
    public Builder consistencyLevel(ConsistencyLevel level) {
      this.consistencyLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * The serial consistency level (default null).
     *
     * @throws IllegalArgumentException unless null, SERIAL or LOCAL_SERIAL
     */
    public Builder serialConsistencyLevel(ConsistencyLevel level) {
      this.serialConsistencyLevel = StatementOptions.serialConsistencyLevel(level);
      return this;
    }

    /**
     * The client-side timeout (default 10 s); null or zero for none.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder requestTimeout(Duration timeout) {
      if (timeout != null && timeout.isNegative()) {
        throw new IllegalArgumentException("requestTimeout must not be negative, got " + timeout);
      }
      this.requestTimeout = timeout == null || timeout.isZero() ? null : timeout;
      return this;
    }

    /** The row factory (default {@link RowFactory#namedTuple()}); not null. */
    public Builder rowFactory(RowFactory<?> factory) {
      this.rowFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** The speculative execution policy (default none); not null. */
    public Builder speculativeExecutionPolicy(SpeculativeExecutionPolicy policy) {
      this.speculativeExecutionPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** {@return an execution profile with the settings given so far} */
    public ExecutionProfile build() {
      return new ExecutionProfile(this);
    }
  }
}
