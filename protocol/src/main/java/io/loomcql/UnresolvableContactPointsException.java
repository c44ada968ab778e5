package io.loomcql;

/**
 * Contact points were given but none of them resolved to an address, the Java form of the Python
 * driver's {@code cassandra.UnresolvableContactPoints}.
 */
public class UnresolvableContactPointsException extends DriverException {

  /** An exception with a message naming the contact points. */
  public UnresolvableContactPointsException(String message) {
    super(message);
  }
}
