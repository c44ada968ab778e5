package io.loomcql;

/**
 * The consistency level of a request, as sent on the wire in a {@code [consistency]} short.
 *
 * <p>Codes are those of the native protocol specification (section 3) and of the Python driver's
 * {@code cassandra.ConsistencyLevel}.
 */
public enum ConsistencyLevel {
  /** A write must be written to at least one node, hints included; reads cannot use it. */
  ANY(0),
  /** One replica must answer. */
  ONE(1),
  /** Two replicas must answer. */
  TWO(2),
  /** Three replicas must answer. */
  THREE(3),
  /** A majority of the replicas, over all data centers, must answer. */
  QUORUM(4),
  /** Every replica must answer. */
  ALL(5),
  /** A majority of the replicas in the coordinator's data center must answer. */
  LOCAL_QUORUM(6),
  /** A majority of the replicas in each data center must answer. */
  EACH_QUORUM(7),
  /** The Paxos phase of a lightweight transaction runs over a majority of all replicas. */
  SERIAL(8),
  /**
   * The Paxos phase of a lightweight transaction runs over a majority of the local data center's
   * replicas.
   */
  LOCAL_SERIAL(9),
  /** One replica in the coordinator's data center must answer. */
  LOCAL_ONE(10);

  private static final ConsistencyLevel[] BY_CODE = values();

  private final int code;

  ConsistencyLevel(int code) {
    this.code = code;
  }

  /** {@return the protocol code of this level} */
  public int code() {
    return code;
  }

  /**
   * {@return the level of a protocol code}
   *
   * @throws ProtocolException if the code is not a known consistency level
   */
  public static ConsistencyLevel fromCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new ProtocolException("Unknown consistency level code " + code);
    }
    return BY_CODE[code];
  }

  /**
   * {@return whether this is a serial level (SERIAL or LOCAL_SERIAL), usable for the Paxos phase of
   * LWTs}
   */
  public boolean isSerial() {
    return this == SERIAL || this == LOCAL_SERIAL;
  }
}
