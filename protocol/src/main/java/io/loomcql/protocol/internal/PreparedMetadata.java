package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The bind variables of a prepared statement (the {@code <metadata>} of section 4.2.5.4).
 *
 * @param flags the flags (0x01 = global table spec)
 * @param columns one spec per bind marker, in order
 * @param pkIndexes for each partition key column, the index of the bind marker that gives it (v4+;
 *     empty on v3 or when the statement does not restrict the whole partition key)
 */
public record PreparedMetadata(int flags, List<ColumnSpec> columns, int[] pkIndexes) {

  /** Reads prepared metadata. */
  static PreparedMetadata decode(ByteBuffer buf, ProtocolVersion version) {
    int flags = Wire.readInt(buf);
    int columnCount = Wire.readInt(buf);
    if (columnCount < 0) {
      throw new ProtocolException("Invalid negative bind variable count " + columnCount);
    }
    int[] pk = new int[0];
    if (version.isAtLeast(ProtocolVersion.V4)) {
      int pkCount = Wire.readInt(buf);
      if (pkCount < 0) {
        throw new ProtocolException("Invalid negative partition key count " + pkCount);
      }
      Wire.need(buf, (int) Math.min(Integer.MAX_VALUE, 2L * pkCount),
          "the " + pkCount + " partition key indexes");
      pk = new int[pkCount];
      for (int i = 0; i < pkCount; i++) {
        pk[i] = Wire.readShortUnsigned(buf);
      }
    }
    List<ColumnSpec> columns = RowsMetadata.readColumns(buf, flags, columnCount);
    for (int index : pk) {
      if (index >= columnCount) {
        throw new ProtocolException(
            "Partition key index " + index + " is not one of the " + columnCount + " variables");
      }
    }
    return new PreparedMetadata(flags, columns, pk);
  }
}
