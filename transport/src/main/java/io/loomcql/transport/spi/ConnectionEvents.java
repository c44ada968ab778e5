package io.loomcql.transport.spi;

import io.loomcql.ProtocolVersion;
import java.net.InetSocketAddress;

/**
 * Records a connection's life as JDK Flight Recorder events ({@code io.loomcql.Connection}, with
 * the node, the action OPEN, CLOSE or DEFUNCT, the protocol version and the reason), at no cost
 * when no recording asks for them. The shipped transports call these; another transport should
 * too, so that recordings show its connections alike.
 */
public final class ConnectionEvents {

  private ConnectionEvents() {}

  /** The connection to {@code node} accepts requests (its handshake is done). */
  public static void opened(InetSocketAddress node, ProtocolVersion version) {
    ConnectionEvent.emit(node, "OPEN", version, null);
  }

  /** The connection to {@code node} was closed on request ({@link Connection#close()}). */
  public static void closed(InetSocketAddress node, ProtocolVersion version) {
    ConnectionEvent.emit(node, "CLOSE", version, null);
  }

  /** The connection to {@code node} failed with {@code cause} ({@link Connection#closeWith}). */
  public static void defunct(InetSocketAddress node, ProtocolVersion version, Throwable cause) {
    ConnectionEvent.emit(node, "DEFUNCT", version, String.valueOf(cause));
  }
}
