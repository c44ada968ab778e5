package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The metadata of a Rows result, or the result metadata of a Prepared result (section 4.2.5.2).
 *
 * @param flags the metadata flags ({@link #GLOBAL_TABLES_SPEC}, {@link #HAS_MORE_PAGES}, {@link
 *     #NO_METADATA}, {@link #METADATA_CHANGED})
 * @param columnCount the number of columns of each row (also with NO_METADATA)
 * @param columns the column specs, or {@code null} when the server omitted them (NO_METADATA: the
 *     client uses the metadata it got when preparing)
 * @param pagingState the state to fetch the next page with, or null on the last page; a read-only
 *     slice of the frame body
 * @param newResultMetadataId the new result metadata id of a prepared statement whose result
 *     columns changed (v5, METADATA_CHANGED), or null
 */
public record RowsMetadata(
    int flags,
    int columnCount,
    List<ColumnSpec> columns,
    ByteBuffer pagingState,
    byte[] newResultMetadataId) {

  /** All columns belong to one table, named once before the columns. */
  public static final int GLOBAL_TABLES_SPEC = 0x0001;
  /** More pages follow; the paging state is present. */
  public static final int HAS_MORE_PAGES = 0x0002;
  /** The column specs are omitted (the request had SKIP_METADATA). */
  public static final int NO_METADATA = 0x0004;
  /** The result metadata changed since preparing (v5); the new id follows. */
  public static final int METADATA_CHANGED = 0x0008;

  // The metadata of most results of prepared statements (NO_METADATA, one page, same columns),
  // shared instead of decoded anew per response; indexed by column count.
  private static final RowsMetadata[] NO_METADATA_LAST_PAGE = new RowsMetadata[32];

  static {
    for (int i = 0; i < NO_METADATA_LAST_PAGE.length; i++) {
      NO_METADATA_LAST_PAGE[i] = new RowsMetadata(NO_METADATA, i, null, null, null);
    }
  }

  /** Whether there are more pages to fetch. */
  public boolean hasMorePages() {
    return pagingState != null;
  }

  /** Reads rows metadata. */
  static RowsMetadata decode(ByteBuffer buf) {
    int flags = Wire.readInt(buf);
    int columnCount = Wire.readInt(buf);
    if (columnCount < 0) {
      throw new ProtocolException("Invalid negative column count " + columnCount);
    }
    if (flags == NO_METADATA && columnCount < NO_METADATA_LAST_PAGE.length) {
      return NO_METADATA_LAST_PAGE[columnCount];
    }
    ByteBuffer pagingState = null;
    if ((flags & HAS_MORE_PAGES) != 0) {
      pagingState = Wire.readBytesSlice(buf);
      if (pagingState != null) {
        pagingState = pagingState.asReadOnlyBuffer();
      }
    }
    byte[] newId = (flags & METADATA_CHANGED) != 0 ? Wire.readShortBytes(buf) : null;
    List<ColumnSpec> columns = null;
    if ((flags & NO_METADATA) == 0) {
      columns = readColumns(buf, flags, columnCount);
    }
    return new RowsMetadata(flags, columnCount, columns, pagingState, newId);
  }

  /** Reads {@code [<global_table_spec>]<col_spec_1>...<col_spec_n>}. */
  static List<ColumnSpec> readColumns(ByteBuffer buf, int flags, int columnCount) {
    boolean global = (flags & GLOBAL_TABLES_SPEC) != 0;
    String ks = null;
    String table = null;
    if (global) {
      ks = Wire.readString(buf);
      table = Wire.readString(buf);
    }
    // a column spec takes at least 4 bytes (name + type), 8 more with its own keyspace and table
    Wire.need(buf, (int) Math.min(Integer.MAX_VALUE, (long) columnCount * (global ? 4 : 8)),
        "the specs of " + columnCount + " columns");
    List<ColumnSpec> columns = new ArrayList<>(columnCount);
    for (int i = 0; i < columnCount; i++) {
      String colKs = global ? ks : Wire.readString(buf);
      String colTable = global ? table : Wire.readString(buf);
      String name = Wire.readString(buf);
      DataType type = DataTypeCodec.read(buf);
      columns.add(new ColumnSpec(colKs, colTable, name, type));
    }
    return Collections.unmodifiableList(columns);
  }
}
