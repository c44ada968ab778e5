package io.loomcql.query;

import io.loomcql.ConsistencyLevel;
import io.loomcql.pool.Host;
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
public abstract sealed class Statement implements io.loomcql.policies.RoutingInfo
    permits SimpleStatement, BoundStatement, BatchStatement {

  private ConsistencyLevel consistencyLevel;
  private ConsistencyLevel serialConsistencyLevel;
  private Integer fetchSize;
  private boolean idempotent;
  private Duration timeout;
  private boolean tracing;
  private Map<String, ByteBuffer> customPayload;
  private ByteBuffer pagingState;
  private String keyspace;
  private ByteBuffer routingKey;
  private long timestamp = Long.MIN_VALUE;
  private int nowInSeconds = Integer.MIN_VALUE;
  private Host host;
  private Object executionProfile;
  private io.loomcql.policies.RetryPolicy retryPolicy;

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
    if (level != null && !level.isSerial()) {
      throw new IllegalArgumentException(
          "The serial consistency level must be SERIAL or LOCAL_SERIAL, got " + level);
    }
    this.serialConsistencyLevel = level;
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
    if (fetchSize != null && fetchSize < 0) {
      throw new IllegalArgumentException("fetch size must be >= 0, got " + fetchSize);
    }
    this.fetchSize = fetchSize;
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
    return timeout;
  }

  /** Sets the client-side timeout; {@link Duration#ZERO} means no timeout. */
  public Statement setTimeout(Duration timeout) {
    if (timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** {@return whether the server records a trace of this statement (default false)} */
  public boolean isTracing() {
    return tracing;
  }

  /** Asks the server to record a trace of this statement (or not). */
  public Statement setTracing(boolean tracing) {
    this.tracing = tracing;
    return this;
  }

  /** {@return the custom payload sent with the statement (protocol v4+), empty by default} */
  public Map<String, ByteBuffer> customPayload() {
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
    this.customPayload = payload == null ? null : new LinkedHashMap<>(payload);
    return this;
  }

  /**
   * The paging state to resume from (from {@code ResultSet.pagingState()} of the same query), or
   * null to start at the first page.
   */
  public ByteBuffer pagingState() {
    return pagingState == null ? null : pagingState.duplicate();
  }

  /** Sets the paging state to resume from; null to start at the first page. */
  public Statement setPagingState(ByteBuffer pagingState) {
    this.pagingState = pagingState == null ? null : pagingState.duplicate();
    return this;
  }

  /**
   * The keyspace of the statement: used for token-aware routing, and sent with the request on
   * protocol v5 so unqualified tables resolve in it. Null by default.
   */
  public String keyspace() {
    return keyspace;
  }

  /** Sets the keyspace of the statement. */
  public Statement setKeyspace(String keyspace) {
    this.keyspace = keyspace;
    return this;
  }

  /**
   * The partition key in serialized form, for token-aware routing; null unless set (bound
   * statements compute theirs from the partition key values).
   */
  public ByteBuffer routingKey() {
    return routingKey == null ? null : routingKey.duplicate();
  }

  /**
   * Sets the routing key from its serialized components (one for a simple partition key, one
   * per column for a composite one, in partition key order).
   */
  public Statement setRoutingKey(ByteBuffer... components) {
    this.routingKey =
        components == null || components.length == 0
            ? null
            : io.loomcql.metadata.RoutingKey.compose(components);
    return this;
  }

  /**
   * {@return the write timestamp in microseconds since the epoch, or {@link Long#MIN_VALUE} (the
   * default) for the cluster's timestamp generator}
   */
  public long timestamp() {
    return timestamp;
  }

  /** Sets the write timestamp, in microseconds since the epoch. */
  public Statement setTimestamp(long microsSinceEpoch) {
    this.timestamp = microsSinceEpoch;
    return this;
  }

  /**
   * The "now" the server uses for TTLs and functions, in seconds since the epoch (protocol v5),
   * or {@link Integer#MIN_VALUE} (the default) for the server's clock.
   */
  public int nowInSeconds() {
    return nowInSeconds;
  }

  /** Sets the "now" of the server for this statement, in seconds since the epoch (protocol v5). */
  public Statement setNowInSeconds(int nowInSeconds) {
    this.nowInSeconds = nowInSeconds;
    return this;
  }

  /** {@return the node this statement must run on (no failover), or null (the default) for any} */
  public Host host() {
    return host;
  }

  /** Pins the statement to {@code host} (no failover); null for any node. */
  public Statement setHost(Host host) {
    this.host = host;
    return this;
  }

  /** {@return the execution profile's name or the profile itself, or null (the default profile)} */
  public Object executionProfile() {
    return executionProfile;
  }

  /** Runs the statement with the session's execution profile named {@code name}. */
  public Statement setExecutionProfile(String name) {
    this.executionProfile = name;
    return this;
  }

  /** Runs the statement with {@code profile}, which need not be registered with the cluster. */
  public Statement setExecutionProfile(io.loomcql.cluster.ExecutionProfile profile) {
    this.executionProfile = profile;
    return this;
  }

  /**
   * The retry policy of this statement, or null (the default) for its execution profile's (Python:
   * {@code Statement.retry_policy}).
   */
  public io.loomcql.policies.RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** Sets the retry policy of this statement; null for its execution profile's. */
  public Statement setRetryPolicy(io.loomcql.policies.RetryPolicy retryPolicy) {
    this.retryPolicy = retryPolicy;
    return this;
  }

  /** Copies what every kind of statement shares onto {@code target}. */
  void copyOptionsTo(Statement target) {
    target.consistencyLevel = consistencyLevel;
    target.serialConsistencyLevel = serialConsistencyLevel;
    target.fetchSize = fetchSize;
    target.idempotent = idempotent;
    target.timeout = timeout;
    target.tracing = tracing;
    target.customPayload = customPayload;
    target.keyspace = keyspace;
    target.timestamp = timestamp;
    target.nowInSeconds = nowInSeconds;
    target.host = host;
    target.executionProfile = executionProfile;
    target.retryPolicy = retryPolicy;
  }
}
