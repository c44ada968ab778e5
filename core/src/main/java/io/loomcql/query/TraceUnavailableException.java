package io.loomcql.query;

import io.loomcql.DriverException;

/**
 * A query trace could not be read in the time allowed (the server writes traces
 * asynchronously), the Java form of the Python driver's {@code cassandra.query.TraceUnavailable}.
 */
public class TraceUnavailableException extends DriverException {

  /** An exception with a message. */
  public TraceUnavailableException(String message) {
    super(message);
  }

  /** An exception with a message and a cause. */
  public TraceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
