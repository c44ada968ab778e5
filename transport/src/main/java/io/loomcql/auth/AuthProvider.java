package io.loomcql.auth;

import java.net.InetSocketAddress;

/**
 * Supplies an {@link Authenticator} for each new connection to a node that asks for
 * authentication, like the Python driver's {@code cassandra.auth.AuthProvider}.
 *
 * <p>Implementations must be thread-safe: connections to different nodes are opened
 * concurrently.
 */
public interface AuthProvider {

  /**
   * Returns a new authenticator for one connection.
   *
   * @param endpoint the node being connected to
   * @param authenticatorClass the server-side authenticator class named in the AUTHENTICATE
   *     message, e.g. {@code org.apache.cassandra.auth.PasswordAuthenticator}
   */
  Authenticator newAuthenticator(InetSocketAddress endpoint, String authenticatorClass);
}
