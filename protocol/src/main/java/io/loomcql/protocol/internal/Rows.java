package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A RESULT of kind Rows (section 4.2.5.2). The rows are not decoded into objects when the frame is
 * decoded (on the reactor thread): {@link #content()} is the raw row data, and the thread that
 * consumes the rows asks for {@link #cellIndex()} and decodes the cells it needs.
 *
 * <p>A final class rather than a record because it caches the cell index.
 */
public final class Rows implements Result {

  private final RowsMetadata metadata;
  private final int rowCount;
  private final ByteBuffer content;
  private volatile int[] cellIndex;

  /**
   * @param metadata the rows metadata
   * @param rowCount the number of rows
   * @param content the row data: a buffer at position 0 whose limit is the end of the rows
   */
  public Rows(RowsMetadata metadata, int rowCount, ByteBuffer content) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    if (rowCount < 0) {
      throw new ProtocolException("Invalid negative row count " + rowCount);
    }
    this.rowCount = rowCount;
    this.content = Objects.requireNonNull(content, "content");
  }

  /** Reads {@code <metadata><rows_count><rows_content>}; the content is a slice of {@code buf}. */
  static Rows decode(ByteBuffer buf) {
    RowsMetadata metadata = RowsMetadata.decode(buf);
    int rowCount = Wire.readInt(buf);
    if (rowCount < 0) {
      throw new ProtocolException("Invalid negative row count " + rowCount);
    }
    ByteBuffer content = buf.slice();
    buf.position(buf.limit());
    return new Rows(metadata, rowCount, content);
  }

  /** The rows metadata. */
  public RowsMetadata metadata() {
    return metadata;
  }

  /** The number of rows. */
  public int rowCount() {
    return rowCount;
  }

  /** The number of columns of each row. */
  public int columnCount() {
    return metadata.columnCount();
  }

  /** The raw row data (position 0); read it with absolute gets, do not change it. */
  public ByteBuffer content() {
    return content;
  }

  /**
   * Where each cell is in {@link #content()}: for row {@code r} and column {@code c}, {@code
   * index[2 * (r * columnCount + c)]} is the absolute offset of the cell's value and the next element
   * its length (-1 for null). Computed on the first call and cached; callers must not modify it.
   *
   * @throws ProtocolException if the content does not hold exactly {@code rowCount} rows of {@code
   *     columnCount} cells (a length beyond the content, a negative length other than -1, or
   *     leftover bytes)
   */
  public int[] cellIndex() {
    int[] index = cellIndex;
    if (index == null) {
      index = computeCellIndex();
      cellIndex = index;
    }
    return index;
  }

  private int[] computeCellIndex() {
    int columns = metadata.columnCount();
    long cells = (long) rowCount * columns;
    int limit = content.limit();
    // every cell takes at least its 4-byte length: refuse counts the content cannot hold
    if (cells > limit / 4) {
      throw new ProtocolException(rowCount + " rows of " + columns + " columns need at least "
          + cells * 4 + " bytes, the result has " + limit);
    }
    int[] index = new int[(int) cells * 2];
    int pos = 0;
    for (int i = 0; i < index.length; i += 2) {
      if (limit - pos < 4) {
        throw new ProtocolException(truncated(i / 2, columns, "its length"));
      }
      int length = content.getInt(pos);
      pos += 4;
      if (length >= 0) {
        if (length > limit - pos) {
          throw new ProtocolException(truncated(i / 2, columns, length + " bytes")
              + ": only " + (limit - pos) + " left");
        }
        index[i] = pos;
        index[i + 1] = length;
        pos += length;
      } else if (length == -1) {
        index[i] = pos;
        index[i + 1] = -1;
      } else {
        long cell = i / 2;
        throw new ProtocolException("Invalid length " + length + " of the cell at row "
            + cell / columns + ", column " + cell % columns + " (only -1, null, is allowed)");
      }
    }
    if (pos != limit) {
      throw new ProtocolException((limit - pos) + " bytes left over after " + rowCount + " rows of "
          + columns + " columns");
    }
    return index;
  }

  private static String truncated(long cell, int columns, String what) {
    return "Not enough bytes for " + what + " of the cell at row " + cell / columns + ", column "
        + cell % columns;
  }

  @Override
  public String toString() {
    return "Rows[" + rowCount + " rows, " + metadata + "]";
  }
}
