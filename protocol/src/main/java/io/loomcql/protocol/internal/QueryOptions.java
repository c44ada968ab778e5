package io.loomcql.protocol.internal;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.UnsupportedFeatureException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The {@code <query_parameters>} of QUERY and EXECUTE (section 4.1.4): consistency, flags and the
 * optional parts the flags announce. Every "absent" value has its own marker, listed per component.
 *
 * <p>The lists are not copied (requests are built per call on the hot path): do not change them
 * after building the options.
 *
 * @param consistency the consistency level (required)
 * @param values the bound values, in marker order; empty = no VALUES flag. An element {@code null}
 *     is sent as NULL (length -1); the element {@link #UNSET} (compared by identity) as "not set"
 *     (length -2, v4+). Each value's remaining bytes are sent; its position is not moved.
 * @param valueNames the names of the values (NAMES_FOR_VALUES), same size as {@code values}; null =
 *     positional values
 * @param skipMetadata whether the server may omit the result metadata (SKIP_METADATA)
 * @param pageSize the page size in rows; {@code <= 0} = no PAGE_SIZE flag (server default)
 * @param pagingState the paging state of the previous page; null = first page
 * @param serialConsistency the serial consistency of conditional updates; null = server default
 * @param defaultTimestamp the client timestamp in microseconds; {@link #NO_TIMESTAMP} = none
 * @param keyspace the keyspace to run the query in (v5 only); null = the connection's
 * @param nowInSeconds the "now" the server should use, in seconds (v5 only); {@link
 *     #NO_NOW_IN_SECONDS} = none
 */
public record QueryOptions(
    ConsistencyLevel consistency,
    List<ByteBuffer> values,
    List<String> valueNames,
    boolean skipMetadata,
    int pageSize,
    ByteBuffer pagingState,
    ConsistencyLevel serialConsistency,
    long defaultTimestamp,
    String keyspace,
    int nowInSeconds) {

  /** The "not set" value marker ([value] length -2, v4+): the column keeps its current value. */
  public static final ByteBuffer UNSET = ByteBuffer.allocate(0).asReadOnlyBuffer();

  /** {@link #defaultTimestamp()} meaning "no client timestamp". */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  /** {@link #nowInSeconds()} meaning "the server's clock". */
  public static final int NO_NOW_IN_SECONDS = Integer.MIN_VALUE;

  static final int VALUES = 0x01;
  static final int SKIP_METADATA = 0x02;
  static final int PAGE_SIZE = 0x04;
  static final int PAGING_STATE = 0x08;
  static final int SERIAL_CONSISTENCY = 0x10;
  static final int DEFAULT_TIMESTAMP = 0x20;
  static final int NAMES_FOR_VALUES = 0x40;
  static final int KEYSPACE = 0x80;
  static final int NOW_IN_SECONDS = 0x100;

  /** Checks the consistency and the names; a null values list means no values. */
  public QueryOptions {
    Objects.requireNonNull(consistency, "consistency");
    if (values == null) {
      values = List.of();
    }
    if (valueNames != null && valueNames.size() != values.size()) {
      throw new IllegalArgumentException(
          "Got " + valueNames.size() + " value names for " + values.size() + " values");
    }
    if (values.size() > 0xFFFF) {
      throw new IllegalArgumentException(
          "At most 65535 values can be bound, got " + values.size());
    }
  }

  /** Options with only a consistency level: no values, no paging, nothing else. */
  public static QueryOptions of(ConsistencyLevel consistency) {
    return new QueryOptions(
        consistency, List.of(), null, false, 0, null, null, NO_TIMESTAMP, null, NO_NOW_IN_SECONDS);
  }

  /** A copy with another consistency level. */
  public QueryOptions withConsistency(ConsistencyLevel cl) {
    return new QueryOptions(cl, values, valueNames, skipMetadata, pageSize, pagingState,
        serialConsistency, defaultTimestamp, keyspace, nowInSeconds);
  }

  /** A copy with positional values. */
  public QueryOptions withValues(List<ByteBuffer> newValues) {
    return new QueryOptions(consistency, newValues, null, skipMetadata, pageSize, pagingState,
        serialConsistency, defaultTimestamp, keyspace, nowInSeconds);
  }

  /** A copy with named values ({@code names.get(i)} names {@code newValues.get(i)}). */
  public QueryOptions withNamedValues(List<String> names, List<ByteBuffer> newValues) {
    return new QueryOptions(consistency, newValues, names, skipMetadata, pageSize, pagingState,
        serialConsistency, defaultTimestamp, keyspace, nowInSeconds);
  }

  /** A copy with SKIP_METADATA set or not. */
  public QueryOptions withSkipMetadata(boolean skip) {
    return new QueryOptions(consistency, values, valueNames, skip, pageSize, pagingState,
        serialConsistency, defaultTimestamp, keyspace, nowInSeconds);
  }

  /** A copy with a page size ({@code <= 0}: none). */
  public QueryOptions withPageSize(int size) {
    return new QueryOptions(consistency, values, valueNames, skipMetadata, size, pagingState,
        serialConsistency, defaultTimestamp, keyspace, nowInSeconds);
  }

  /** A copy with a paging state (null: first page). */
  public QueryOptions withPagingState(ByteBuffer state) {
    return new QueryOptions(consistency, values, valueNames, skipMetadata, pageSize, state,
        serialConsistency, defaultTimestamp, keyspace, nowInSeconds);
  }

  /** A copy with a serial consistency level (null: none). */
  public QueryOptions withSerialConsistency(ConsistencyLevel serial) {
    return new QueryOptions(consistency, values, valueNames, skipMetadata, pageSize, pagingState,
        serial, defaultTimestamp, keyspace, nowInSeconds);
  }

  /** A copy with a client timestamp in microseconds ({@link #NO_TIMESTAMP}: none). */
  public QueryOptions withDefaultTimestamp(long timestampMicros) {
    return new QueryOptions(consistency, values, valueNames, skipMetadata, pageSize, pagingState,
        serialConsistency, timestampMicros, keyspace, nowInSeconds);
  }

  /** A copy with a per-query keyspace (v5 only; null: none). */
  public QueryOptions withKeyspace(String ks) {
    return new QueryOptions(consistency, values, valueNames, skipMetadata, pageSize, pagingState,
        serialConsistency, defaultTimestamp, ks, nowInSeconds);
  }

  /** A copy with a "now" in seconds (v5 only; {@link #NO_NOW_IN_SECONDS}: none). */
  public QueryOptions withNowInSeconds(int now) {
    return new QueryOptions(consistency, values, valueNames, skipMetadata, pageSize, pagingState,
        serialConsistency, defaultTimestamp, keyspace, now);
  }

  /** The flags these options are written with. */
  int flags() {
    int flags = 0;
    if (!values.isEmpty()) {
      flags |= VALUES;
      if (valueNames != null) {
        flags |= NAMES_FOR_VALUES;
      }
    }
    if (skipMetadata) {
      flags |= SKIP_METADATA;
    }
    if (pageSize > 0) {
      flags |= PAGE_SIZE;
    }
    if (pagingState != null) {
      flags |= PAGING_STATE;
    }
    if (serialConsistency != null) {
      flags |= SERIAL_CONSISTENCY;
    }
    if (defaultTimestamp != NO_TIMESTAMP) {
      flags |= DEFAULT_TIMESTAMP;
    }
    if (keyspace != null) {
      flags |= KEYSPACE;
    }
    if (nowInSeconds != NO_NOW_IN_SECONDS) {
      flags |= NOW_IN_SECONDS;
    }
    return flags;
  }

  /** Size of the encoded options; also checks them against {@code version}. */
  int encodedSize(ProtocolVersion version) {
    checkSupported(version);
    int size = 2 + (version.usesIntQueryFlags() ? 4 : 1);
    if (!values.isEmpty()) {
      size += 2;
      for (int i = 0; i < values.size(); i++) {
        if (valueNames != null) {
          size += Wire.sizeOfString(valueNames.get(i));
        }
        ByteBuffer v = values.get(i);
        size += (v == null || v == UNSET) ? 4 : 4 + v.remaining();
      }
    }
    if (pageSize > 0) {
      size += 4;
    }
    if (pagingState != null) {
      size += Wire.sizeOfBytes(pagingState);
    }
    if (serialConsistency != null) {
      size += 2;
    }
    if (defaultTimestamp != NO_TIMESTAMP) {
      size += 8;
    }
    if (keyspace != null) {
      size += Wire.sizeOfString(keyspace);
    }
    if (nowInSeconds != NO_NOW_IN_SECONDS) {
      size += 4;
    }
    return size;
  }

  /** Writes the options; also checks them against {@code version}. */
  void encode(ByteBuffer dst, ProtocolVersion version) {
    checkSupported(version);
    dst.putShort((short) consistency.code());
    int flags = flags();
    if (version.usesIntQueryFlags()) {
      dst.putInt(flags);
    } else {
      dst.put((byte) flags);
    }
    if (!values.isEmpty()) {
      dst.putShort((short) values.size());
      for (int i = 0; i < values.size(); i++) {
        if (valueNames != null) {
          Wire.writeString(dst, valueNames.get(i));
        }
        writeValue(dst, values.get(i));
      }
    }
    if (pageSize > 0) {
      dst.putInt(pageSize);
    }
    if (pagingState != null) {
      Wire.writeBytes(dst, pagingState);
    }
    if (serialConsistency != null) {
      dst.putShort((short) serialConsistency.code());
    }
    if (defaultTimestamp != NO_TIMESTAMP) {
      dst.putLong(defaultTimestamp);
    }
    if (keyspace != null) {
      Wire.writeString(dst, keyspace);
    }
    if (nowInSeconds != NO_NOW_IN_SECONDS) {
      dst.putInt(nowInSeconds);
    }
  }

  /** Writes a [value]: null = -1, {@link #UNSET} = -2, otherwise the remaining bytes. */
  static void writeValue(ByteBuffer dst, ByteBuffer value) {
    if (value == null) {
      dst.putInt(-1);
    } else if (value == UNSET) {
      dst.putInt(-2);
    } else {
      dst.putInt(value.remaining());
      dst.put(value.duplicate());
    }
  }

  /** Size of a [value]. */
  static int sizeOfValue(ByteBuffer value) {
    return (value == null || value == UNSET) ? 4 : 4 + value.remaining();
  }

  /** Throws UnsupportedFeatureException if {@code values} holds UNSET on v3. */
  static void checkNoUnset(List<ByteBuffer> values, ProtocolVersion version) {
    if (!version.isAtLeast(ProtocolVersion.V4)) {
      for (ByteBuffer v : values) {
        if (v == UNSET) {
          throw new UnsupportedFeatureException(
              "Unset values need protocol v4 or later, the connection uses " + version);
        }
      }
    }
  }

  private void checkSupported(ProtocolVersion version) {
    checkNoUnset(values, version);
    if (!version.isAtLeast(ProtocolVersion.V5)) {
      if (keyspace != null) {
        throw new UnsupportedFeatureException(
            "A per-query keyspace needs protocol v5 or later, the connection uses " + version);
      }
      if (nowInSeconds != NO_NOW_IN_SECONDS) {
        throw new UnsupportedFeatureException(
            "now_in_seconds needs protocol v5 or later, the connection uses " + version);
      }
    }
  }
}
