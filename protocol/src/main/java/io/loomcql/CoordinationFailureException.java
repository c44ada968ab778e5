package io.loomcql;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Some replicas answered a request with a failure (ERROR 0x1300 or 0x1500) rather than timing out.
 * On v5 the server names each failed replica and its failure code ({@link #reasonByEndpoint()});
 * before v5 only their number ({@link #failures()}).
 */
public class CoordinationFailureException extends RequestExecutionException {

  /** The consistency level of the request. */
  private final ConsistencyLevel consistency;
  /** How many replicas answered successfully. */
  private final int receivedResponses;
  /** How many successful answers were required. */
  private final int requiredResponses;
  /** How many replicas failed. */
  private final int failures;
  /** The failure code of each failed replica (v5 only; empty before). */
  private final Map<InetAddress, Integer> reasonByEndpoint;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param failures how many replicas failed
   * @param reasonByEndpoint the failure code of each failed replica (v5; empty before)
   */
  public CoordinationFailureException(
      int errorCode,
      String serverMessage,
      ConsistencyLevel consistency,
      int receivedResponses,
      int requiredResponses,
      int failures,
      Map<InetAddress, Integer> reasonByEndpoint) {
    super(errorCode, serverMessage);
    this.consistency = consistency;
    this.receivedResponses = receivedResponses;
    this.requiredResponses = requiredResponses;
    this.failures = failures;
    this.reasonByEndpoint =
        reasonByEndpoint == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(reasonByEndpoint));
  }

  /** {@return the consistency level of the request} */
  public ConsistencyLevel consistency() {
    return consistency;
  }

  /** {@return how many replicas answered successfully} */
  public int receivedResponses() {
    return receivedResponses;
  }

  /** {@return how many successful answers were required} */
  public int requiredResponses() {
    return requiredResponses;
  }

  /** {@return how many replicas failed} */
  public int failures() {
    return failures;
  }

  /** {@return the failure code of each failed replica (v5 only; empty on older versions)} */
  public Map<InetAddress, Integer> reasonByEndpoint() {
    return reasonByEndpoint;
  }

  @Override
  protected String info() {
    StringBuilder map = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<InetAddress, Integer> e : reasonByEndpoint.entrySet()) {
      if (!first) {
        map.append(", ");
      }
      first = false;
      map.append('\'').append(e.getKey().getHostAddress()).append("': '")
          .append(String.format("0x%04x", e.getValue())).append('\'');
    }
    map.append('}');
    return "{'consistency': '" + consistency + "', 'required_responses': " + requiredResponses
        + ", 'received_responses': " + receivedResponses + ", 'failures': " + failures
        + ", 'error_code_map': " + map + extraInfo() + "}";
  }

  /** Further {@code , 'key': value} pairs of subclasses for {@link #getMessage()}. */
  protected String extraInfo() {
    return "";
  }
}
