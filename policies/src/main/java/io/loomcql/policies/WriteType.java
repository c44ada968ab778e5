package io.loomcql.policies;

import java.util.Optional;

/**
 * The kind of write that timed out, as the server names it in a {@code Write_timeout} error (the
 * Python driver's {@code cassandra.WriteType}, re-exported by {@code cassandra.policies}). Retry
 * policies decide on it; {@code io.loomcql.WriteTimeoutException#writeType()} carries the server's
 * string, which {@link #fromName(String)} maps to a constant.
 */
public enum WriteType {
  /** A write to a single partition key; atomic and isolated. */
  SIMPLE,
  /**
   * A write to multiple partition keys that used the distributed batch log to ensure atomicity (the
   * batch log itself was written; the timeout happened applying the batch).
   */
  BATCH,
  /** A write to multiple partition keys that did not use the batch log; atomicity is not ensured. */
  UNLOGGED_BATCH,
  /**
   * A counter write (single or batched). Not idempotent: retrying it may apply the increment twice.
   */
  COUNTER,
  /**
   * The initial write to the distributed batch log that Cassandra performs internally before a
   * logged batch; the batch itself was not applied yet.
   */
  BATCH_LOG,
  /** A lightweight-transaction (compare-and-set) write. */
  CAS,
  /** An update of a materialized view, which failed to acquire the local view lock. */
  VIEW,
  /** A write to a table with change-data-capture enabled, refused because the CDC space is full. */
  CDC;

  /**
   * The constant of a server write-type name, such as {@code "BATCH_LOG"}.
   *
   * @param name the name the server sent; may be null
   * @return the constant, or empty for a null or unknown name (a newer server's write type); the
   *     retry policies then receive {@code null}
   */
  public static Optional<WriteType> fromName(String name) {
    if (name != null) {
      for (WriteType type : values()) {
        if (type.name().equals(name)) {
          return Optional.of(type);
        }
      }
    }
    return Optional.empty();
  }
}
