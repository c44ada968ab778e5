package io.loomcql.query.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.codec.BigintCodec;
import io.loomcql.protocol.internal.codec.BlobCodec;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.IntCodec;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.protocol.internal.codec.TextCodec;
import io.loomcql.protocol.internal.codec.TypeCodec;
import io.loomcql.protocol.internal.codec.UuidCodec;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.Row;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.List;
import java.util.UUID;

/**
 * One page of rows as the server sent it: the raw cell bytes (the response frame's body) plus the
 * offset of each cell's value (its length is the int just before it). Built on the thread that reads the result (never the I/O thread); cells are decoded only
 * when a getter asks.
 *
 * <p>The common types (int, bigint, counter, text, ascii, varchar, uuid, timeuuid, blob) are read
 * straight from the page at the cell's offset: no buffer slice per cell, no boxing for the
 * primitive getters; a blob is one read-only view of its bytes.
 */
public final class RowsPage {

  private final ColumnDefinitions columns;
  private final ProtocolVersion version;
  // the frame body holding the rows; offsets index it absolutely
  private final ByteBuffer content;
  // A read-only view of content, made on the first blob read: blob cells are slices of it.
  private ByteBuffer readOnlyContent;
  private final int rowCount;
  private final int columnCount;
  private final int[] cellOffsets;
  private final TypeCodec<?>[] codecs;
  private final MappedClassCodecs userTypes;

  public RowsPage(ColumnDefinitions columns, Rows rows, ProtocolVersion version) {
    this(columns, rows, version, MappedClassCodecs.NONE);
  }

  /** A page whose user-type cells decode as the classes {@code userTypes} has codecs for. */
  public RowsPage(
      ColumnDefinitions columns, Rows rows, ProtocolVersion version, MappedClassCodecs userTypes) {
    this(columns, rows, version, userTypes, null);
  }

  /**
   * As above; {@code sharedCodecs}, if not null, are the codecs of every column, looked up once
   * for all the pages of a prepared statement (see {@link PreparedInternals#resultCodecs}): the
   * page reads them and never writes them.
   */
  public RowsPage(
      ColumnDefinitions columns, Rows rows, ProtocolVersion version, MappedClassCodecs userTypes,
      TypeCodec<?>[] sharedCodecs) {
    this.userTypes = userTypes;
    this.columns = columns;
    this.version = version;
    this.content = rows.buffer();
    this.rowCount = rows.rowCount();
    this.columnCount = columns.size();
    this.cellOffsets = rows.cellOffsets();
    this.codecs = sharedCodecs != null && sharedCodecs.length == columnCount
        ? sharedCodecs
        : new TypeCodec<?>[columnCount];
  }

  public int size() {
    return rowCount;
  }

  public ColumnDefinitions columns() {
    return columns;
  }

  /** The rows as an immutable list view; each element is created on access. */
  public List<Row> asList() {
    return new AbstractList<>() {
      @Override
      public Row get(int index) {
        if (index < 0 || index >= rowCount) {
          throw new IndexOutOfBoundsException("Row " + index + " of " + rowCount);
        }
        return new DefaultRow(RowsPage.this, index);
      }

      @Override
      public int size() {
        return rowCount;
      }
    };
  }

  boolean isNull(int row, int column) {
    return length(cellOffsets[row * columnCount + checkColumn(column)]) < 0;
  }

  /** The cell decoded with its column's codec, checked against the Java type the caller wants. */
  <T> T decode(int row, int column, Class<T> expected) {
    TypeCodec<?> codec = codec(checkColumn(column));
    if (expected != Object.class && !expected.isAssignableFrom(codec.javaType())) {
      throw wrongType(column, codec, expected);
    }
    int offset = cellOffsets[row * columnCount + column];
    int length = length(offset);
    if (length < 0) {
      return null;
    }
    return expected.cast(decodeCell(codec, offset, length));
  }

  /** {@code getInt}: the int, 0 for a null or empty cell. */
  int getInt(int row, int column) {
    TypeCodec<?> codec = codec(checkColumn(column));
    if (codec == IntCodec.INSTANCE) {
      int offset = cellOffsets[row * columnCount + column];
      int length = length(offset);
      return length <= 0 ? 0 : IntCodec.decodeInt(content, offset, length);
    }
    Integer value = decode(row, column, Integer.class);
    return value == null ? 0 : value;
  }

  /** {@code getLong}: the long, 0 for a null or empty cell. */
  long getLong(int row, int column) {
    TypeCodec<?> codec = codec(checkColumn(column));
    if (codec instanceof BigintCodec) {
      int offset = cellOffsets[row * columnCount + column];
      int length = length(offset);
      return length <= 0 ? 0L : BigintCodec.decodeLong(content, offset, length);
    }
    Long value = decode(row, column, Long.class);
    return value == null ? 0L : value;
  }

  /** {@code getBytes}: a read-only view of the cell's bytes, or null. */
  ByteBuffer getBytes(int row, int column) {
    TypeCodec<?> codec = codec(checkColumn(column));
    if (codec == BlobCodec.INSTANCE) {
      int offset = cellOffsets[row * columnCount + column];
      int length = length(offset);
      return length < 0 ? null : readOnlyContent().slice(offset, length);
    }
    ByteBuffer value = decode(row, column, ByteBuffer.class);
    return value == null ? null : value.asReadOnlyBuffer();
  }

  /** The length of the cell whose value starts at {@code offset}: -1 for null. */
  private int length(int offset) {
    return content.getInt(offset - 4);
  }

  /** Decodes a non-null cell; the common types straight from the page, the others from a slice. */
  private Object decodeCell(TypeCodec<?> codec, int offset, int length) {
    if (codec instanceof TextCodec text) {
      return text.decodeAt(content, offset, length);
    }
    if (codec == IntCodec.INSTANCE) {
      return length == 0 ? null : IntCodec.decodeInt(content, offset, length);
    }
    if (codec instanceof BigintCodec) {
      return length == 0 ? null : BigintCodec.decodeLong(content, offset, length);
    }
    if (codec instanceof UuidCodec) {
      UUID uuid = length == 0 ? null : UuidCodec.decodeUuid(content, offset, length);
      return uuid;
    }
    return codec.decode(content.slice(offset, length), version);
  }

  private ByteBuffer readOnlyContent() {
    ByteBuffer view = readOnlyContent;
    if (view == null) {
      view = content.asReadOnlyBuffer();
      readOnlyContent = view;
    }
    return view;
  }

  private IllegalArgumentException wrongType(int column, TypeCodec<?> codec, Class<?> expected) {
    ColumnDefinition definition = columns.get(column);
    return new IllegalArgumentException(
        "Column '" + definition.name() + "' is of CQL type " + definition.type().cqlName()
            + " (read as " + codec.javaType().getName() + "), not " + expected.getName());
  }

  private TypeCodec<?> codec(int column) {
    TypeCodec<?> codec = codecs[column];
    if (codec == null) {
      codec = Codecs.codecFor(columns.get(column).type(), userTypes);
      codecs[column] = codec;
    }
    return codec;
  }

  private int checkColumn(int column) {
    if (column < 0 || column >= columnCount) {
      throw new IndexOutOfBoundsException(
          "Column index " + column + " out of range: the result has " + columnCount + " columns");
    }
    return column;
  }
}
