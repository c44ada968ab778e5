package io.loomcql.transport;

/**
 * Which compression a connection asks for in STARTUP (the Python driver's {@code compression}).
 *
 * <p>Protocol v3 and v4 compress each frame body (flag 0x01) in both directions; protocol v5
 * compresses whole segments and knows only LZ4, so {@link #SNAPPY} on v5 means no compression.
 * Responses are always handed to the caller decompressed.
 */
public enum Compression {
  /** LZ4 if the server lists it, else Snappy (v3/v4 only), else none. The default. */
  AUTO,
  /** LZ4, required: the connection fails with a ConnectionException if the server lacks it. */
  LZ4,
  /**
   * Snappy, required on v3/v4 (a ConnectionException if the server lacks it); on v5, which
   * cannot compress with Snappy, the connection runs uncompressed.
   */
  SNAPPY,
  /** No compression. */
  NONE
}
