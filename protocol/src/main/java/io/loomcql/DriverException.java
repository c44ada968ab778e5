package io.loomcql;

/**
 * The root of every exception loomcql throws (unchecked), the Java rendering of the Python driver's
 * {@code cassandra.DriverException}.
 *
 * <p>Programming errors get the JDK's {@link IllegalArgumentException} or
 * {@link IllegalStateException}; everything that went wrong talking to Cassandra is a
 * DriverException: {@link ServerException} and its subclasses when a server answered with an ERROR
 * message, the other subclasses when the driver itself gave up.
 */
public class DriverException extends RuntimeException {

  /** An exception with a message. */
  public DriverException(String message) {
    super(message);
  }

  /** An exception with a message and a cause. */
  public DriverException(String message, Throwable cause) {
    super(message, cause);
  }
}
