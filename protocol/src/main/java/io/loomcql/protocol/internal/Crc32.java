package io.loomcql.protocol.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The CRC32 that protects v5 segment payloads: {@link CRC32} first updated with the bytes {@code fa
 * 2d 55 ca} (so that it starts from 0x44777ed3 rather than 0), as Cassandra's {@code
 * org.apache.cassandra.net.Crc.crc32} does. Written little-endian after the payload.
 */
public final class Crc32 {

  private static final byte[] SEED = {(byte) 0xfa, (byte) 0x2d, (byte) 0x55, (byte) 0xca};

  private Crc32() {}

  /** A CRC32 already updated with the seed bytes. */
  public static CRC32 start() {
    CRC32 crc = new CRC32();
    crc.update(SEED);
    return crc;
  }

  /** Updates {@code crc} with the remaining bytes of {@code buf}, without moving its position. */
  public static void update(CRC32 crc, ByteBuffer buf) {
    if (buf.hasArray()) {
      crc.update(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
    } else {
      crc.update(buf.duplicate());
    }
  }

  /** The seeded CRC32 of the remaining bytes of {@code buf}, without moving its position. */
  public static int compute(ByteBuffer buf) {
    CRC32 crc = start();
    update(crc, buf);
    return (int) crc.getValue();
  }
}
