package io.loomcql;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client-side request timeout expired before any server answered (the Python driver's
 * {@code OperationTimedOut}). The server may still execute the request.
 */
public class OperationTimedOutException extends DriverException {

  /** The errors of the attempts made before the timeout, by node. */
  private final Map<InetSocketAddress, Throwable> errors;
  /** The node tried last, or {@code null}. */
  private final InetSocketAddress lastHost;

  /**
   * An exception with a message, the errors of earlier attempts and the node tried last; the
   * message gets both appended, as the Python driver's does.
   *
   * @param errors the errors of the attempts made before the timeout, by node; may be null (none)
   * @param lastHost the node tried last, or {@code null}
   */
  public OperationTimedOutException(
      String message, Map<InetSocketAddress, Throwable> errors, InetSocketAddress lastHost) {
    super(message + " (errors=" + (errors == null ? "{}" : errors) + ", last_host=" + lastHost + ")");
    this.errors =
        errors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    this.lastHost = lastHost;
  }

  /** {@return the errors of earlier attempts, by node (empty if none)} */
  public Map<InetSocketAddress, Throwable> errors() {
    return errors;
  }

  /** {@return the node tried last, or {@code null}} */
  public InetSocketAddress lastHost() {
    return lastHost;
  }
}
