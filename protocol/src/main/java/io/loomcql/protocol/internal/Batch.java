package io.loomcql.protocol.internal;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.UnsupportedFeatureException;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * BATCH: runs several modifications as one (section 4.1.7).
 *
 * @param batchType {@link #LOGGED}, {@link #UNLOGGED} or {@link #COUNTER}
 * @param queriesOrIds each entry a CQL {@code String} or a prepared id {@code byte[]}
 * @param values the values of each entry (same size as {@code queriesOrIds}; null or an empty list
 *     = none); elements as in {@link QueryOptions#values()} (null = NULL, {@link QueryOptions#UNSET})
 * @param consistency the consistency level
 * @param serialConsistency the serial consistency for conditional batches, or null
 * @param timestamp the client timestamp in microseconds, or {@link QueryOptions#NO_TIMESTAMP}
 * @param keyspace the keyspace (v5 only), or null
 * @param nowInSeconds the "now" in seconds (v5 only), or {@link QueryOptions#NO_NOW_IN_SECONDS}
 */
public record Batch(
    int batchType,
    List<Object> queriesOrIds,
    List<List<ByteBuffer>> values,
    ConsistencyLevel consistency,
    ConsistencyLevel serialConsistency,
    long timestamp,
    String keyspace,
    int nowInSeconds)
    implements Request {

  /** A logged batch (atomic through the batch log). */
  public static final int LOGGED = 0;
  /** An unlogged batch. */
  public static final int UNLOGGED = 1;
  /** A batch of counter updates. */
  public static final int COUNTER = 2;

  /** Checks the entries and their values. */
  public Batch {
    Objects.requireNonNull(queriesOrIds, "queriesOrIds");
    Objects.requireNonNull(consistency, "consistency");
    if (batchType < 0 || batchType > 2) {
      throw new IllegalArgumentException("Unknown batch type " + batchType);
    }
    if (queriesOrIds.size() > 0xFFFF) {
      throw new IllegalArgumentException(
          "A batch holds at most 65535 statements, got " + queriesOrIds.size());
    }
    if (values != null && values.size() != queriesOrIds.size()) {
      throw new IllegalArgumentException(
          "Got " + values.size() + " value lists for " + queriesOrIds.size() + " statements");
    }
    for (Object q : queriesOrIds) {
      if (!(q instanceof String) && !(q instanceof byte[])) {
        throw new IllegalArgumentException(
            "A batch entry must be a String query or a byte[] prepared id, got "
                + (q == null ? "null" : q.getClass().getName()));
      }
    }
  }

  @Override
  public int opcode() {
    return Opcodes.BATCH;
  }

  private List<ByteBuffer> valuesOf(int i) {
    if (values == null) {
      return List.of();
    }
    List<ByteBuffer> v = values.get(i);
    return v == null ? List.of() : v;
  }

  private int flags() {
    int flags = 0;
    if (serialConsistency != null) {
      flags |= QueryOptions.SERIAL_CONSISTENCY;
    }
    if (timestamp != QueryOptions.NO_TIMESTAMP) {
      flags |= QueryOptions.DEFAULT_TIMESTAMP;
    }
    if (keyspace != null) {
      flags |= QueryOptions.KEYSPACE;
    }
    if (nowInSeconds != QueryOptions.NO_NOW_IN_SECONDS) {
      flags |= QueryOptions.NOW_IN_SECONDS;
    }
    return flags;
  }

  private void check(ProtocolVersion version) {
    if (!version.isAtLeast(ProtocolVersion.V5)) {
      if (keyspace != null) {
        throw new UnsupportedFeatureException(
            "A per-batch keyspace needs protocol v5 or later, the connection uses " + version);
      }
      if (nowInSeconds != QueryOptions.NO_NOW_IN_SECONDS) {
        throw new UnsupportedFeatureException(
            "now_in_seconds needs protocol v5 or later, the connection uses " + version);
      }
    }
    for (int i = 0; i < queriesOrIds.size(); i++) {
      List<ByteBuffer> v = valuesOf(i);
      if (v.size() > 0xFFFF) {
        throw new IllegalArgumentException(
            "At most 65535 values can be bound, got " + v.size() + " for batch entry " + i);
      }
      QueryOptions.checkNoUnset(v, version);
    }
  }

  @Override
  public int encodedSize(ProtocolVersion version) {
    check(version);
    int size = 1 + 2;
    for (int i = 0; i < queriesOrIds.size(); i++) {
      Object q = queriesOrIds.get(i);
      size += 1;
      size += q instanceof String s ? Wire.sizeOfLongString(s) : Wire.sizeOfShortBytes((byte[]) q);
      size += 2;
      for (ByteBuffer v : valuesOf(i)) {
        size += QueryOptions.sizeOfValue(v);
      }
    }
    size += 2 + (version.usesIntQueryFlags() ? 4 : 1);
    if (serialConsistency != null) {
      size += 2;
    }
    if (timestamp != QueryOptions.NO_TIMESTAMP) {
      size += 8;
    }
    if (keyspace != null) {
      size += Wire.sizeOfString(keyspace);
    }
    if (nowInSeconds != QueryOptions.NO_NOW_IN_SECONDS) {
      size += 4;
    }
    return size;
  }

  @Override
  public void encode(ByteBuffer dst, ProtocolVersion version) {
    check(version);
    dst.put((byte) batchType);
    dst.putShort((short) queriesOrIds.size());
    for (int i = 0; i < queriesOrIds.size(); i++) {
      Object q = queriesOrIds.get(i);
      if (q instanceof String s) {
        dst.put((byte) 0);
        Wire.writeLongString(dst, s);
      } else {
        dst.put((byte) 1);
        Wire.writeShortBytes(dst, (byte[]) q);
      }
      List<ByteBuffer> v = valuesOf(i);
      dst.putShort((short) v.size());
      for (ByteBuffer value : v) {
        QueryOptions.writeValue(dst, value);
      }
    }
    dst.putShort((short) consistency.code());
    int flags = flags();
    if (version.usesIntQueryFlags()) {
      dst.putInt(flags);
    } else {
      dst.put((byte) flags);
    }
    if (serialConsistency != null) {
      dst.putShort((short) serialConsistency.code());
    }
    if (timestamp != QueryOptions.NO_TIMESTAMP) {
      dst.putLong(timestamp);
    }
    if (keyspace != null) {
      Wire.writeString(dst, keyspace);
    }
    if (nowInSeconds != QueryOptions.NO_NOW_IN_SECONDS) {
      dst.putInt(nowInSeconds);
    }
  }
}
