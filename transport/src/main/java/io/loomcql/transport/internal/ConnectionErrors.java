package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;

/** The errors both connections fail with, worded once. */
final class ConnectionErrors {

  private ConnectionErrors() {}

  /**
   * The server closed (or reset, {@code cause}) the socket. During the handshake the message says
   * so, and, without TLS, gives the usual reason: a node that requires client encryption drops
   * plaintext connections at their first byte.
   */
  static ConnectionException closedByServer(
      InetSocketAddress endpoint, boolean duringHandshake, boolean tls, IOException cause) {
    String message = "Connection closed by " + endpoint;
    if (duringHandshake) {
      message += " during the handshake";
      if (cause != null) {
        message += " (" + cause.getMessage() + ")";
      }
      if (!tls) {
        message += "; a node that requires TLS does this to a plaintext client: is sslOptions set?";
      }
    }
    return new ConnectionException(message, endpoint, cause);
  }

  /** {@code what} ("Write to", "Connection to", "TLS handshake with") {@code endpoint} failed. */
  static ConnectionException failure(String what, InetSocketAddress endpoint, Throwable e) {
    if (e instanceof ConnectionException ce) {
      return ce;
    }
    String detail = e instanceof SSLException ? "TLS error: " + e.getMessage() : e.toString();
    return new ConnectionException(what + " " + endpoint + " failed: " + detail, endpoint, e);
  }

  /** The connect timeout passed before the connection accepted requests. */
  static ConnectionException connectTimedOut(InetSocketAddress endpoint, long timeoutMillis) {
    return new ConnectionException(
        "Could not connect to " + endpoint + " within " + timeoutMillis
            + " ms (connect timeout, TLS and CQL handshakes included)",
        endpoint);
  }
}
