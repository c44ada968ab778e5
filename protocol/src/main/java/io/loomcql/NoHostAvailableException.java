package io.loomcql;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every node of the query plan was tried and none could execute the request (or the plan was empty).
 * {@link #errors()} tells what happened on each node; {@link #getMessage()} lists them all.
 */
public class NoHostAvailableException extends DriverException {

  /** The error of each node tried, in the order tried. */
  private final Map<InetSocketAddress, Throwable> errors;

  /**
   * An exception with a message and what happened on each node tried.
   *
   * @param errors the error of each node tried, in the order tried; may be null (none tried)
   */
  public NoHostAvailableException(String message, Map<InetSocketAddress, Throwable> errors) {
    super(message);
    this.errors =
        errors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(errors));
  }

  /** {@return the error of each node tried (empty if no node was tried)} */
  public Map<InetSocketAddress, Throwable> errors() {
    return errors;
  }

  /** The message followed by each node's address and its error's message. */
  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder(String.valueOf(super.getMessage()));
    if (errors.isEmpty()) {
      return sb.append(" (no host was tried)").toString();
    }
    sb.append(" (tried: ");
    boolean first = true;
    for (Map.Entry<InetSocketAddress, Throwable> e : errors.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      Throwable t = e.getValue();
      sb.append(e.getKey()).append(": ");
      sb.append(t == null ? "null" : t.getClass().getSimpleName() + ": " + t.getMessage());
    }
    return sb.append(')').toString();
  }
}
