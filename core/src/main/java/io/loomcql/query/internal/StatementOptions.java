package io.loomcql.query.internal;

import io.loomcql.ConsistencyLevel;

/**
 * The one place that says which values of the options shared by statements, prepared statements,
 * execution profiles and sessions are valid: each setter of those options passes its argument
 * through here, so the rule and its message are written once.
 */
public final class StatementOptions {

  private StatementOptions() {}

  /**
   * {@return {@code level}, a valid serial consistency level: null (none), SERIAL or LOCAL_SERIAL}
   *
   * @throws IllegalArgumentException for any other level
   */
  public static ConsistencyLevel serialConsistencyLevel(ConsistencyLevel level) {
    if (level != null && !level.isSerial()) {
      throw new IllegalArgumentException(
          "The serial consistency level must be SERIAL or LOCAL_SERIAL, got " + level);
    }
    return level;
  }

  /**
   * {@return {@code fetchSize}, a valid fetch size: null (the session's default), 0 (no paging)
   * or a positive number of rows per page}
   *
   * @throws IllegalArgumentException for a negative size
   */
  public static Integer fetchSize(Integer fetchSize) {
    if (fetchSize != null && fetchSize < 0) {
      throw new IllegalArgumentException("fetch size must be >= 0, got " + fetchSize);
    }
    return fetchSize;
  }
}
