package io.loomcql.query;

/** The kinds of batch, as in the Python driver's {@code BatchType}. */
public enum BatchType {
  /** Atomic through the batch log (the default). */
  LOGGED(0),
  /** No batch log: faster, not atomic across partitions. */
  UNLOGGED(1),
  /** Counter updates only. */
  COUNTER(2);

  private final int code;

  BatchType(int code) {
    this.code = code;
  }

  /** {@return the batch type's code in the BATCH message} */
  public int code() {
    return code;
  }
}
