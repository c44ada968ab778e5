package io.loomcql;

/**
 * A version of the CQL native protocol that loomcql speaks.
 *
 * <p>The driver starts with {@link #HIGHEST} and negotiates down ({@link #lower()}) when a server
 * rejects the version it asked for.
 */
public enum ProtocolVersion {
  /** Native protocol v3 (Cassandra 2.1 and later). */
  V3(3),
  /** Native protocol v4 (Cassandra 2.2 and later). */
  V4(4),
  /**
   * Native protocol v5 (Cassandra 4.0 and later): checksummed segments, per-replica failure
   * reasons.
   */
  V5(5);

  /** The highest version loomcql supports and tries first: {@link #V5}. */
  public static final ProtocolVersion HIGHEST = V5;

  private final int code;

  ProtocolVersion(int code) {
    this.code = code;
  }

  /** {@return the version number sent in the low 7 bits of a frame's version byte} */
  public int code() {
    return code;
  }

  /**
   * {@return the version of a version number (without the response bit)}
   *
   * @throws ProtocolException if loomcql does not support that version
   */
  public static ProtocolVersion fromCode(int code) {
    return switch (code) {
      case 3 -> V3;
      case 4 -> V4;
      case 5 -> V5;
      default -> throw new ProtocolException("Unsupported protocol version " + code);
    };
  }

  /** {@return the next lower supported version, or {@code null} below {@link #V3}} */
  public ProtocolVersion lower() {
    return switch (this) {
      case V5 -> V4;
      case V4 -> V3;
      case V3 -> null;
    };
  }

  /**
   * {@return whether frames travel inside checksummed segments once the connection is ready (v5)}
   */
  public boolean usesSegments() {
    return this == V5;
  }

  /**
   * {@return whether the flags of QUERY, EXECUTE and BATCH are a 4-byte int rather than a byte
   * (v5+)}
   */
  public boolean usesIntQueryFlags() {
    return code >= 5;
  }

  /** {@return whether this version is {@code other} or newer} */
  public boolean isAtLeast(ProtocolVersion other) {
    return code >= other.code;
  }
}
