package io.loomcql.transport.internal;

import io.loomcql.ConnectionException;
import io.loomcql.OperationTimedOutException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.Map;
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

  /**
   * The connect timeout passed before the connection accepted requests: an operation timeout, in
   * the Python driver's words ("Timed out creating connection (5 seconds)"), naming the node as
   * the last host.
   */
  static OperationTimedOutException connectTimedOut(
      InetSocketAddress endpoint, long timeoutMillis, boolean tls) {
    String seconds =
        timeoutMillis % 1000 == 0
            ? Long.toString(timeoutMillis / 1000)
            : BigDecimal.valueOf(timeoutMillis, 3).stripTrailingZeros().toPlainString();
    return new OperationTimedOutException(
        "Timed out creating connection (" + seconds + " seconds): TCP connect"
            + (tls ? ", TLS" : "") + " and CQL handshake included",
        Map.of(), endpoint);
  }
}
