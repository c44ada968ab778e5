package io.loomcql;

/**
 * The server sent ERROR 0x1000 (Unavailable): the coordinator knew, before trying, that too few
 * replicas were alive to satisfy the consistency level. Nothing was executed.
 */
public class UnavailableException extends RequestExecutionException {

  /** The consistency level of the request. */
  private final ConsistencyLevel consistency;
  /** How many replicas had to be alive. */
  private final int requiredReplicas;
  /** How many replicas were known alive. */
  private final int aliveReplicas;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param consistency the consistency level of the request
   * @param requiredReplicas how many replicas had to be alive
   * @param aliveReplicas how many were known alive
   */
  public UnavailableException(
      String serverMessage, ConsistencyLevel consistency, int requiredReplicas, int aliveReplicas) {
    super(0x1000, serverMessage);
    this.consistency = consistency;
    this.requiredReplicas = requiredReplicas;
    this.aliveReplicas = aliveReplicas;
  }

  /** {@return the consistency level of the request} */
  public ConsistencyLevel consistency() {
    return consistency;
  }

  /** {@return how many replicas had to be alive} */
  public int requiredReplicas() {
    return requiredReplicas;
  }

  /** {@return how many replicas were known alive} */
  public int aliveReplicas() {
    return aliveReplicas;
  }

  @Override
  protected String info() {
    return "{'consistency': '" + consistency + "', 'required_replicas': " + requiredReplicas
        + ", 'alive_replicas': " + aliveReplicas + "}";
  }
}
