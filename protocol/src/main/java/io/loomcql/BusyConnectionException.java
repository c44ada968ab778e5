package io.loomcql;

import java.net.InetSocketAddress;

/**
 * A connection had no free stream id (or too many requests in flight) for a new request; nothing was
 * sent, so the request can safely be tried elsewhere.
 */
public class BusyConnectionException extends ConnectionException {

  /** An exception about the busy connection to {@code endpoint}. */
  public BusyConnectionException(String message, InetSocketAddress endpoint) {
    super(message, endpoint);
  }
}
