package io.loomcql.query.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.protocol.internal.codec.TypeCodec;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.Row;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.List;

/**
 * One page of rows as the server sent it: the raw cell bytes plus an index of where each cell
 * lies. Built on the thread that reads the result (never the I/O thread); cells are decoded only
 * when a getter asks.
 */
public final class RowsPage {

  private final ColumnDefinitions columns;
  private final ProtocolVersion version;
  private final ByteBuffer content;
  private final int rowCount;
  private final int columnCount;
  private final int[] cellIndex;
  private final TypeCodec<?>[] codecs;
  private final Codecs.UserTypeClasses userTypes;

  public RowsPage(ColumnDefinitions columns, Rows rows, ProtocolVersion version) {
    this(columns, rows, version, Codecs.UserTypeClasses.NONE);
  }

  /** A page whose user-type cells decode as the classes {@code userTypes} maps them to. */
  public RowsPage(
      ColumnDefinitions columns, Rows rows, ProtocolVersion version, Codecs.UserTypeClasses userTypes) {
    this.userTypes = userTypes;
    this.columns = columns;
    this.version = version;
    this.content = rows.content();
    this.rowCount = rows.rowCount();
    this.columnCount = columns.size();
    this.cellIndex = rows.cellIndex();
    this.codecs = new TypeCodec<?>[columnCount];
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
    return cellIndex[2 * (row * columnCount + checkColumn(column)) + 1] < 0;
  }

  /** The cell decoded with its column's codec, checked against the Java type the caller wants. */
  <T> T decode(int row, int column, Class<T> expected) {
    TypeCodec<?> codec = codec(checkColumn(column));
    if (expected != Object.class && !expected.isAssignableFrom(codec.javaType())) {
      ColumnDefinition definition = columns.get(column);
      throw new IllegalArgumentException(
          "Column '" + definition.name() + "' is of CQL type " + definition.type().cqlName()
              + " (read as " + codec.javaType().getName() + "), not " + expected.getName());
    }
    int cell = 2 * (row * columnCount + column);
    int length = cellIndex[cell + 1];
    if (length < 0) {
      return null;
    }
    Object value = codec.decode(content.slice(cellIndex[cell], length), version);
    return expected.cast(value);
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
