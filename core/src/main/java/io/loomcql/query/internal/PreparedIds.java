package io.loomcql.query.internal;

import io.loomcql.query.PreparedStatement;

/**
 * The driver's own read of a prepared statement's ids, without the defensive copies the public
 * {@code queryId()} and {@code resultMetadataId()} make (every EXECUTE and BATCH carries them).
 * The arrays must not be modified.
 */
public final class PreparedIds {

  /** What {@link PreparedStatement} gives this class, once, when it is initialized. */
  public interface Reader {
    byte[] queryId(PreparedStatement statement);

    byte[] resultMetadataId(PreparedStatement statement);
  }

  private static volatile Reader reader;

  private PreparedIds() {}

  /** Called by {@link PreparedStatement}'s static initializer; later calls are refused. */
  public static void install(Reader r) {
    if (reader != null) {
      throw new IllegalStateException("PreparedIds is already installed");
    }
    reader = r;
  }

  /** The statement's id, shared: do not modify it. */
  public static byte[] queryId(PreparedStatement statement) {
    // A statement exists, so its class is initialized and has installed the reader.
    return reader.queryId(statement);
  }

  /** The id of the statement's current result metadata (v5), shared, or null. */
  public static byte[] resultMetadataId(PreparedStatement statement) {
    return reader.resultMetadataId(statement);
  }
}
