package io.loomcql.protocol.internal;

/**
 * The CRC24 that protects v5 segment headers (init 0x875060, polynomial 0x1974F0B), as Cassandra's
 * {@code org.apache.cassandra.net.Crc.crc24} computes it.
 */
public final class Crc24 {

  /** The initial value. */
  public static final int INIT = 0x875060;
  /** The polynomial. */
  public static final int POLY = 0x1974F0B;

  private Crc24() {}

  /**
   * The CRC24 of the {@code len} low-order bytes of {@code bytes}, least significant byte first
   * (the order in which a little-endian header holds them).
   */
  public static int compute(long bytes, int len) {
    int crc = INIT;
    for (int i = 0; i < len; i++) {
      crc ^= (int) (bytes & 0xFF) << 16;
      bytes >>= 8;
      for (int j = 0; j < 8; j++) {
        crc <<= 1;
        if ((crc & 0x1000000) != 0) {
          crc ^= POLY;
        }
      }
    }
    return crc & 0xFFFFFF;
  }
}
