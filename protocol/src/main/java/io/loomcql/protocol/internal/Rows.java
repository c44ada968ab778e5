package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A RESULT of kind Rows (section 4.2.5.2). The rows are not decoded into objects when the frame is
 * decoded (on the reactor thread): the row data stays in the frame's body, and the thread that
 * consumes the rows asks for {@link #cellOffsets()} and decodes the cells it needs straight from
 * {@link #buffer()}.
 *
 * <p>A final class rather than a record because it caches the cell offsets.
 */
public final class Rows implements Result {

  private final RowsMetadata metadata;
  private final int rowCount;
  // the row data is buffer[start, end) (absolute indexes): no slice of the body per result
  private final ByteBuffer buffer;
  private final int start;
  private final int end;
  private volatile int[] cellOffsets;

  /**
   * @param metadata the rows metadata
   * @param rowCount the number of rows
   * @param content the row data: a buffer at position 0 whose limit is the end of the rows
   */
  public Rows(RowsMetadata metadata, int rowCount, ByteBuffer content) {
    this(metadata, rowCount, content, 0, content.limit());
  }

  private Rows(RowsMetadata metadata, int rowCount, ByteBuffer buffer, int start, int end) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    if (rowCount < 0) {
      throw new ProtocolException("Invalid negative row count " + rowCount);
    }
    this.rowCount = rowCount;
    this.buffer = Objects.requireNonNull(buffer, "content");
    this.start = start;
    this.end = end;
  }

  /**
   * Reads {@code <metadata><rows_count><rows_content>} from {@code buf}, keeping {@code body} (a
   * buffer over the same bytes, with the same indexes: the frame body {@code buf} duplicates) as
   * the row data's buffer, so that the result allocates no view of its own.
   */
  static Rows decode(ByteBuffer buf, ByteBuffer body) {
    RowsMetadata metadata = RowsMetadata.decode(buf);
    int rowCount = Wire.readInt(buf);
    if (rowCount < 0) {
      throw new ProtocolException("Invalid negative row count " + rowCount);
    }
    int start = buf.position();
    int end = buf.limit();
    buf.position(buf.limit());
    return new Rows(metadata, rowCount, body, start, end);
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

  /**
   * The buffer that holds the row data, which {@link #cellOffsets()} index absolutely; read it with
   * absolute gets only, do not change it. It may hold other bytes of the frame around the rows.
   */
  public ByteBuffer buffer() {
    return buffer;
  }

  /** The raw row data as a new view (position 0); read it with absolute gets, do not change it. */
  public ByteBuffer content() {
    return buffer.slice(start, end - start);
  }

  /**
   * Where each cell's value is in {@link #buffer()}: for row {@code r} and column {@code c}, {@code
   * offsets[r * columnCount + c]} is the absolute index of the cell's value; the cell's length (-1
   * for null) is the int just before it, at {@code offset - 4}. Validated and computed on the first
   * call, then cached; callers must not modify it.
   *
   * @throws ProtocolException if the content does not hold exactly {@code rowCount} rows of {@code
   *     columnCount} cells (a length beyond the content, a negative length other than -1, or
   *     leftover bytes)
   */
  public int[] cellOffsets() {
    int[] offsets = cellOffsets;
    if (offsets == null) {
      offsets = computeCellOffsets();
      cellOffsets = offsets;
    }
    return offsets;
  }

  /**
   * Where each cell is in {@link #content()}: for row {@code r} and column {@code c}, {@code
   * index[2 * (r * columnCount + c)]} is the offset of the cell's value in the content and the next
   * element its length (-1 for null). A new array each call (the driver itself reads {@link
   * #cellOffsets()}).
   *
   * @throws ProtocolException as {@link #cellOffsets()}
   */
  public int[] cellIndex() {
    int[] offsets = cellOffsets();
    int[] index = new int[offsets.length * 2];
    for (int i = 0; i < offsets.length; i++) {
      index[2 * i] = offsets[i] - start;
      index[2 * i + 1] = buffer.getInt(offsets[i] - 4);
    }
    return index;
  }

  private int[] computeCellOffsets() {
    int columns = metadata.columnCount();
    long cells = (long) rowCount * columns;
    int limit = end;
    // every cell takes at least its 4-byte length: refuse counts the content cannot hold
    if (cells > (limit - start) / 4) {
      throw new ProtocolException(rowCount + " rows of " + columns + " columns need at least "
          + cells * 4 + " bytes, the result has " + (limit - start));
    }
    int[] offsets = new int[(int) cells];
    int pos = start;
    for (int i = 0; i < offsets.length; i++) {
      if (limit - pos < 4) {
        throw new ProtocolException(truncated(i, columns, "its length"));
      }
      int length = buffer.getInt(pos);
      pos += 4;
      offsets[i] = pos;
      if (length >= 0) {
        if (length > limit - pos) {
          throw new ProtocolException(truncated(i, columns, length + " bytes")
              + ": only " + (limit - pos) + " left");
        }
        pos += length;
      } else if (length != -1) {
        throw new ProtocolException("Invalid length " + length + " of the cell at row "
            + i / columns + ", column " + i % columns + " (only -1, null, is allowed)");
      }
    }
    if (pos != limit) {
      throw new ProtocolException((limit - pos) + " bytes left over after " + rowCount + " rows of "
          + columns + " columns");
    }
    return offsets;
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
