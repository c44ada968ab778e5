package io.loomcql.metadata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The first 64-bit half of MurmurHash3 x64_128 with seed 0, bit for bit as Cassandra's {@code
 * org.apache.cassandra.utils.MurmurHash.hash3_x64_128} computes it, on the bytes between a buffer's
 * position and limit. Runs on every routed request, so it allocates nothing and reads the buffer
 * with absolute gets only.
 *
 * <p>Where Cassandra differs from the reference algorithm, which this copies on purpose: the tail bytes (those after the last full
 * 16-byte block) are mixed in as SIGNED values ({@code (long) key.get(i)} without {@code & 0xff}),
 * so a tail byte of {@code 0x80} or more also flips the bits above it. Reference MurmurHash3 masks
 * them; the server does not, and the token must match the server's.
 */
final class Murmur3Hash {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private Murmur3Hash() {}

  /** {@code hash3_x64_128(key, key.position(), key.remaining(), 0)[0]}. */
  static long firstHalf(ByteBuffer key) {
    int offset = key.position();
    int length = key.remaining();
    // Blocks are little-endian; an absolute getLong reads in the buffer's own order, which must
    // not be changed (the caller owns the buffer), so big-endian reads are byte-swapped.
    boolean swap = key.order() != ByteOrder.LITTLE_ENDIAN;
    long h1 = 0;
    long h2 = 0;

    int blocks = length >>> 4;
    for (int i = 0; i < blocks; i++) {
      int at = offset + (i << 4);
      long k1 = littleEndianLong(key, at, swap);
      long k2 = littleEndianLong(key, at + 8, swap);

      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;

      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }

    int tail = offset + (blocks << 4);
    int rest = length & 15;
    if (rest > 8) {
      long k2 = 0;
      for (int i = rest - 1; i >= 8; i--) {
        k2 ^= (long) key.get(tail + i) << ((i - 8) << 3); // signed, as Cassandra does
      }
      h2 ^= mixK2(k2);
    }
    if (rest > 0) {
      long k1 = 0;
      for (int i = Math.min(rest, 8) - 1; i >= 0; i--) {
        k1 ^= (long) key.get(tail + i) << (i << 3); // signed, as Cassandra does
      }
      h1 ^= mixK1(k1);
    }

    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    return h1 + h2;
  }

  private static long littleEndianLong(ByteBuffer key, int index, boolean swap) {
    long value = key.getLong(index);
    return swap ? Long.reverseBytes(value) : value;
  }

  private static long mixK1(long k1) {
    return Long.rotateLeft(k1 * C1, 31) * C2;
  }

  private static long mixK2(long k2) {
    return Long.rotateLeft(k2 * C2, 33) * C1;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
