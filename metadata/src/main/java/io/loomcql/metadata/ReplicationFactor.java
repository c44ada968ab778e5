package io.loomcql.metadata;

/**
 * A replication factor as keyspace options write it: {@code "3"}, or {@code "3/1"} for three
 * replicas of which one is transient (the Python driver's {@code ReplicationFactor}).
 *
 * @param allReplicas the number of replicas, full and transient
 * @param transientReplicas how many of them are transient
 */
public record ReplicationFactor(int allReplicas, int transientReplicas) {

  /** Checks that the counts are consistent. */
  public ReplicationFactor {
    if (allReplicas < 0 || transientReplicas < 0 || transientReplicas > allReplicas) {
      throw new IllegalArgumentException(
          "Invalid replication factor " + allReplicas + "/" + transientReplicas);
    }
  }

  /**
   * Parses {@code "n"} or {@code "n/t"}.
   *
   * @throws IllegalArgumentException if it is neither
   */
  public static ReplicationFactor parse(String value) {
    String text = value.strip();
    int slash = text.indexOf('/');
    try {
      if (slash < 0) {
        return new ReplicationFactor(Integer.parseInt(text), 0);
      }
      return new ReplicationFactor(
          Integer.parseInt(text.substring(0, slash).strip()),
          Integer.parseInt(text.substring(slash + 1).strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid replication factor '" + value + "'", e);
    }
  }

  /** {@return the number of full (non-transient) replicas} */
  public int fullReplicas() {
    return allReplicas - transientReplicas;
  }

  /** {@code "n"} or {@code "n/t"}, as the server writes it. */
  @Override
  public String toString() {
    return transientReplicas == 0
        ? Integer.toString(allReplicas)
        : allReplicas + "/" + transientReplicas;
  }
}
