package io.loomcql.query;

import io.loomcql.ConsistencyLevel;
import io.loomcql.cluster.ExecutionProfile;
import io.loomcql.metadata.RoutingKey;
import io.loomcql.node.Host;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.query.internal.StatementOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every statement carries besides its query, like the Python driver's
 * {@code cassandra.query.Statement}. Unset attributes ({@code null}) fall back to the session's
 * defaults at execution time.
 *
 * <p>Statements are mutable and not thread-safe while being configured; configure one fully
 * before sharing it between threads.
 */
public abstract sealed class Statement implements RoutingInfo
    permits SimpleStatement, BoundStatement, BatchStatement {

  private ConsistencyLevel consistencyLevel;
  private ConsistencyLevel serialConsistencyLevel;
  private Integer fetchSize;
  private boolean idempotent;
  // The options most statements leave at their defaults, made on the first set: a statement is
  // created per request, and these would otherwise double its size.
  private Extras extras;

  private static final class Extras {
    Duration timeout;
    boolean tracing;
    Map<String, ByteBuffer> customPayload;
    ByteBuffer pagingState;
    String keyspace;
    ByteBuffer routingKey;
    long timestamp = Long.MIN_VALUE;
    int nowInSeconds = Integer.MIN_VALUE;
    Host host;
    Object executionProfile;
    RetryPolicy retryPolicy;

    /** A copy of the options that {@link #copyOptionsTo} carries over (no paging state, key). */
    Extras copyShared() {
      Extras copy = new Extras();
      copy.timeout = timeout;
      copy.tracing = tracing;
      copy.customPayload = customPayload;
      copy.keyspace = keyspace;
      copy.timestamp = timestamp;
      copy.nowInSeconds = nowInSeconds;
      copy.host = host;
      copy.executionProfile = executionProfile;
      copy.retryPolicy = retryPolicy;
      return copy;
    }
  }

  private Extras extras() {
    Extras e = extras;
    if (e == null) {
      e = new Extras();
      extras = e;
    }
    return e;
  }

  /**
   * The constructor every statement runs; statements are created as {@link SimpleStatement},
   * {@link BoundStatement} or {@link BatchStatement}, every setting at its default.
   */
  public Statement() {}

  /**
   * {@return the consistency level, or {@code null} (the default) for the session's (LOCAL_ONE)}
   */
  public ConsistencyLevel consistencyLevel() {
    return consistencyLevel;
  }

  /** Sets the consistency level; null for the session's. */
  public Statement setConsistencyLevel(ConsistencyLevel consistencyLevel) {
    this.consistencyLevel = consistencyLevel;
    return this;
  }

  /** SERIAL or LOCAL_SERIAL for conditional updates, or {@code null} (the default). */
  public ConsistencyLevel serialConsistencyLevel() {
    return serialConsistencyLevel;
  }

  /**
   * Sets the serial consistency level of conditional updates; null for none.
   *
   * @throws IllegalArgumentException unless {@code level} is null, SERIAL or LOCAL_SERIAL
   */
  public Statement setSerialConsistencyLevel(ConsistencyLevel level) {
    this.serialConsistencyLevel = StatementOptions.serialConsistencyLevel(level);
    return this;
  }

  /**
   * Rows per page, {@code 0} for no paging, or {@code null} (the default) for the session's
   * default fetch size (5000).
   */
  public Integer fetchSize() {
    return fetchSize;
  }

  /** Sets the rows per page; {@code 0} for no paging, null for the session's default. */
  public Statement setFetchSize(Integer fetchSize) {
    this.fetchSize = StatementOptions.fetchSize(fetchSize);
    return this;
  }

  /**
   * Whether the statement can be applied twice with the same effect; default {@code false}. Only
   * idempotent statements are retried after they may have reached a node.
   */
  public boolean isIdempotent() {
    return idempotent;
  }

  /** Marks the statement idempotent (or not). */
  public Statement setIdempotent(boolean idempotent) {
    this.idempotent = idempotent;
    return this;
  }

  /** {@return the client-side timeout, or {@code null} (the default) for the session's (10 s)} */
  public Duration timeout() {
    return extras == null ? null : extras.timeout;
  }

  /** Sets the client-side timeout; {@link Duration#ZERO} means no timeout. */
  public Statement setTimeout(Duration timeout) {
    if (timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    if (timeout != null || extras != null) {
      extras().timeout = timeout;
    }
    return this;
  }

  /** {@return whether the server records a trace of this statement (default false)} */
  public boolean isTracing() {
    return extras != null && extras.tracing;
  }

  /** Asks the server to record a trace of this statement (or not). */
  public Statement setTracing(boolean tracing) {
    if (tracing || extras != null) {
      extras().tracing = tracing;
    }
    return this;
  }

  /** {@return the custom payload sent with the statement (protocol v4+), empty by default} */
  public Map<String, ByteBuffer> customPayload() {
    Map<String, ByteBuffer> customPayload = extras == null ? null : extras.customPayload;
    return customPayload == null ? Map.of() : Collections.unmodifiableMap(customPayload);
  }

  /**
   * Sets the custom payload (protocol v4+); at most 65535 entries.
   *
   * @throws IllegalArgumentException with more entries
   */
  public Statement setCustomPayload(Map<String, ByteBuffer> payload) {
    if (payload != null && payload.size() > 0xFFFF) {
      throw new IllegalArgumentException(
          "A custom payload holds at most 65535 entries, got " + payload.size());
    }
    if (payload != null || extras != null) {
      extras().customPayload = payload == null ? null : new LinkedHashMap<>(payload);
    }
    return this;
  }

  /**
   * The paging state to resume from (from {@code ResultSet.pagingState()} of the same query), or
   * null to start at the first page.
   */
  public ByteBuffer pagingState() {
    ByteBuffer pagingState = extras == null ? null : extras.pagingState;
    return pagingState == null ? null : pagingState.duplicate();
  }

  /** Sets the paging state to resume from; null to start at the first page. */
  public Statement setPagingState(ByteBuffer pagingState) {
    if (pagingState != null || extras != null) {
      extras().pagingState = pagingState == null ? null : pagingState.duplicate();
    }
    return this;
  }

  /**
   * The keyspace of the statement: used for token-aware routing, and sent with the request on
   * protocol v5 so unqualified tables resolve in it. Null by default.
   */
  public String keyspace() {
    return extras == null ? null : extras.keyspace;
  }

  /** Sets the keyspace of the statement. */
  public Statement setKeyspace(String keyspace) {
    if (keyspace != null || extras != null) {
      extras().keyspace = keyspace;
    }
    return this;
  }

  /**
   * The partition key in serialized form, for token-aware routing; null unless set (bound
   * statements compute theirs from the partition key values).
   */
  public ByteBuffer routingKey() {
    ByteBuffer routingKey = extras == null ? null : extras.routingKey;
    return routingKey == null ? null : routingKey.duplicate();
  }

  /**
   * Sets the routing key from its serialized components (one for a simple partition key, one
   * per column for a composite one, in partition key order).
   */
  public Statement setRoutingKey(ByteBuffer... components) {
    ByteBuffer key =
        components == null || components.length == 0
            ? null
            : RoutingKey.compose(components);
    if (key != null || extras != null) {
      extras().routingKey = key;
    }
    return this;
  }

  /**
   * {@return the write timestamp in microseconds since the epoch, or {@link Long#MIN_VALUE} (the
   * default) for the cluster's timestamp generator}
   */
  public long timestamp() {
    return extras == null ? Long.MIN_VALUE : extras.timestamp;
  }

  /** Sets the write timestamp, in microseconds since the epoch. */
  public Statement setTimestamp(long microsSinceEpoch) {
    extras().timestamp = microsSinceEpoch;
    return this;
  }

  /**
   * The "now" the server uses for TTLs and functions, in seconds since the epoch (protocol v5),
   * or {@link Integer#MIN_VALUE} (the default) for the server's clock.
   */
  public int nowInSeconds() {
    return extras == null ? Integer.MIN_VALUE : extras.nowInSeconds;
  }

  /** Sets the "now" of the server for this statement, in seconds since the epoch (protocol v5). */
  public Statement setNowInSeconds(int nowInSeconds) {
    extras().nowInSeconds = nowInSeconds;
    return this;
  }

  /** {@return the node this statement must run on (no failover), or null (the default) for any} */
  public Host host() {
    return extras == null ? null : extras.host;
  }

  /** Pins the statement to {@code host} (no failover); null for any node. */
  public Statement setHost(Host host) {
    if (host != null || extras != null) {
      extras().host = host;
    }
    return this;
  }

  /** {@return the execution profile's name or the profile itself, or null (the default profile)} */
  public Object executionProfile() {
    return extras == null ? null : extras.executionProfile;
  }

  /** Runs the statement with the session's execution profile named {@code name}. */
  public Statement setExecutionProfile(String name) {
    if (name != null || extras != null) {
      extras().executionProfile = name;
    }
    return this;
  }

  /** Runs the statement with {@code profile}, which need not be registered with the cluster. */
  public Statement setExecutionProfile(ExecutionProfile profile) {
    if (profile != null || extras != null) {
      extras().executionProfile = profile;
    }
    return this;
  }

  /**
   * The retry policy of this statement, or null (the default) for its execution profile's (Python:
   * {@code Statement.retry_policy}).
   */
  public RetryPolicy retryPolicy() {
    return extras == null ? null : extras.retryPolicy;
  }

  /** Sets the retry policy of this statement; null for its execution profile's. */
  public Statement setRetryPolicy(RetryPolicy retryPolicy) {
    if (retryPolicy != null || extras != null) {
      extras().retryPolicy = retryPolicy;
    }
    return this;
  }

  /** Copies what every kind of statement shares onto {@code target}. */
  void copyOptionsTo(Statement target) {
    target.consistencyLevel = consistencyLevel;
    target.serialConsistencyLevel = serialConsistencyLevel;
    target.fetchSize = fetchSize;
    target.idempotent = idempotent;
    Extras own = target.extras;
    Extras copy = extras == null ? new Extras() : extras.copyShared();
    if (own != null) {
      copy.pagingState = own.pagingState;
      copy.routingKey = own.routingKey;
    }
    target.extras = copy;
  }
}
