package io.loomcql.query;

import io.loomcql.ConsistencyLevel;

/**
 * What every statement carries besides its query, like the Python driver's
 * {@code cassandra.query.Statement}. Unset attributes ({@code null}) fall back to the session's
 * defaults at execution time.
 *
 * <p>Statements are mutable and not thread-safe while being configured; configure one fully
 * before sharing it between threads.
 */
public abstract sealed class Statement permits SimpleStatement, BoundStatement, BatchStatement {

  private ConsistencyLevel consistencyLevel;
  private ConsistencyLevel serialConsistencyLevel;
  private Integer fetchSize;
  private boolean idempotent;

  /** The consistency level, or {@code null} (the default) for the session's (LOCAL_ONE). */
  public ConsistencyLevel consistencyLevel() {
    return consistencyLevel;
  }

  public Statement setConsistencyLevel(ConsistencyLevel consistencyLevel) {
    this.consistencyLevel = consistencyLevel;
    return this;
  }

  /** SERIAL or LOCAL_SERIAL for conditional updates, or {@code null} (the default). */
  public ConsistencyLevel serialConsistencyLevel() {
    return serialConsistencyLevel;
  }

  /**
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

  public Statement setIdempotent(boolean idempotent) {
    this.idempotent = idempotent;
    return this;
  }
}
