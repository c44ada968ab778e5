package io.loomcql.auth;

/**
 * The client side of one SASL exchange on one connection, like the Python driver's
 * {@code cassandra.auth.Authenticator}. Called from the connection's I/O thread, so
 * implementations must not block.
 */
public interface Authenticator {

  /**
   * {@return the token sent in the first AUTH_RESPONSE; {@code null} sends an empty (null) token}
   */
  byte[] initialResponse();

  /**
   * Answers a server AUTH_CHALLENGE.
   *
   * @return the token for the next AUTH_RESPONSE
   */
  byte[] evaluateChallenge(byte[] challenge);

  /** Called with the server's final token when AUTH_SUCCESS arrives. Does nothing by default. */
  default void onAuthenticationSuccess(byte[] token) {}
}
