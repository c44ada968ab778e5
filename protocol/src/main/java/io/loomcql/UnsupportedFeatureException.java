package io.loomcql;

/**
 * A feature was requested that the negotiated protocol version does not have (for example a per-query
 * keyspace below v5, an UNSET value or a custom payload on v3). The Python driver's
 * {@code UnsupportedOperation}. Nothing was sent.
 */
public class UnsupportedFeatureException extends DriverException {

  /** An exception naming the feature and the version. */
  public UnsupportedFeatureException(String message) {
    super(message);
  }
}
