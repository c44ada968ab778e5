package io.loomcql.testserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The body of a RESULT Rows message, built column by column and row by row: {@code Rows.of("ks",
 * "t").column("id", Rows.BIGINT).column("v", Rows.VARCHAR).row(BodyWriter.int64(1),
 * BodyWriter.text("a"))}. Cells are the serialized values (null for a null cell); {@link
 * BodyWriter} has helpers for the usual types.
 */
public final class Rows {

  /** Type option id of CQL bigint. */
  public static final int BIGINT = 0x0002;
  /** Type option id of CQL blob. */
  public static final int BLOB = 0x0003;
  /** Type option id of CQL boolean. */
  public static final int BOOLEAN = 0x0004;
  /** Type option id of CQL int. */
  public static final int INT = 0x0009;
  /** Type option id of CQL uuid. */
  public static final int UUID = 0x000C;
  /** Type option id of CQL text (varchar). */
  public static final int VARCHAR = 0x000D;
  /** Type option id of CQL inet. */
  public static final int INET = 0x0010;
  /** Type option id of CQL list (followed by its element type). */
  public static final int LIST = 0x0020;
  /** Type option id of CQL set (followed by its element type). */
  public static final int SET = 0x0022;

  /**
   * One column: its name, its type option id and, for a list or set, its element's.
   *
   * @param name the column name
   * @param type the type option id
   * @param elementType the element type of a list or set, else 0
   */
  public record Column(String name, int type, int elementType) {
    /** A column of a simple type. */
    public Column(String name, int type) {
      this(name, type, 0);
    }

    void writeSpec(BodyWriter w) {
      w.string(name).u16(type);
      if (type == LIST || type == SET) {
        w.u16(elementType);
      }
    }
  }

  private final String keyspace;
  private final String table;
  private final List<Column> columns = new ArrayList<>();
  private final List<byte[][]> rows = new ArrayList<>();
  private boolean noMetadata;

  private Rows(String keyspace, String table) {
    this.keyspace = keyspace;
    this.table = table;
  }

  /** Rows of {@code keyspace.table}, no column yet. */
  public static Rows of(String keyspace, String table) {
    return new Rows(keyspace, table);
  }

  /** Adds a column of a simple type. */
  public Rows column(String name, int type) {
    columns.add(new Column(name, type));
    return this;
  }

  /** Adds a column. */
  public Rows column(Column column) {
    columns.add(column);
    return this;
  }

  /** Adds a row: one cell per column, in order (null: a null cell). */
  public Rows row(byte[]... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells for " + columns.size() + " columns");
    }
    rows.add(cells.clone());
    return this;
  }

  /** Leaves the column specs out (the NO_METADATA flag), as for a statement asking to skip them. */
  public Rows withoutMetadata() {
    noMetadata = true;
    return this;
  }

  /** The columns so far. */
  public List<Column> columns() {
    return List.copyOf(columns);
  }

  /** The RESULT body: kind Rows, the metadata, the rows. */
  public byte[] toBody() {
    BodyWriter w = new BodyWriter().i32(0x0002);
    writeMetadata(w, columns, keyspace, table, noMetadata);
    w.i32(rows.size());
    for (byte[][] row : rows) {
      Arrays.stream(row).forEach(w::bytes);
    }
    return w.toByteArray();
  }

  /** Writes rows metadata: flags, column count, then the global table spec and column specs. */
  static void writeMetadata(
      BodyWriter w, List<Column> columns, String keyspace, String table, boolean noMetadata) {
    if (noMetadata) {
      w.i32(0x0004).i32(columns.size());
      return;
    }
    w.i32(columns.isEmpty() ? 0 : 0x0001).i32(columns.size());
    if (!columns.isEmpty()) {
      w.string(keyspace).string(table);
    }
    columns.forEach(c -> c.writeSpec(w));
  }
}
