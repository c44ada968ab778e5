package io.loomcql;

/**
 * The consistency level of a request, as sent on the wire in a {@code [consistency]} short.
 *
 * <p>Codes are those of the native protocol specification (section 3) and of the Python driver's
 * {@code cassandra.ConsistencyLevel}.
 */
public enum ConsistencyLevel {
  ANY(0),
  ONE(1),
  TWO(2),
  THREE(3),
  QUORUM(4),
  ALL(5),
  LOCAL_QUORUM(6),
  EACH_QUORUM(7),
  SERIAL(8),
  LOCAL_SERIAL(9),
  LOCAL_ONE(10);

  private static final ConsistencyLevel[] BY_CODE = values();

  private final int code;

  ConsistencyLevel(int code) {
    this.code = code;
  }

  /** The protocol code of this level. */
  public int code() {
    return code;
  }

  /**
   * The level of a protocol code.
   *
   * @throws ProtocolException if the code is not a known consistency level
   */
  public static ConsistencyLevel fromCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new ProtocolException("Unknown consistency level code " + code);
    }
    return BY_CODE[code];
  }

  /** Whether this is a serial level (SERIAL or LOCAL_SERIAL), usable for the Paxos phase of LWTs. */
  public boolean isSerial() {
    return this == SERIAL || this == LOCAL_SERIAL;
  }
}
