package io.loomcql.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.ColumnSpec;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.RowsMetadata;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.Row;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowsPageTest {

  private static final List<DataType> TYPES =
      List.of(DataType.INT, DataType.BIGINT, DataType.TEXT, DataType.UUID, DataType.BLOB);
  private static final UUID ID = UUID.fromString("12345678-9abc-def0-1234-56789abcdef0");

  /** Row 0: values; row 1: nulls; row 2: empty cells. */
  private static RowsPage page() {
    ByteBuffer content = ByteBuffer.allocate(512);
    cell(content, ByteBuffer.allocate(4).putInt(0, -7));
    cell(content, ByteBuffer.allocate(8).putLong(0, 1L << 40));
    cell(content, ByteBuffer.wrap("h\u00e9llo".getBytes(StandardCharsets.UTF_8)));
    cell(content, ByteBuffer.allocate(16).putLong(0, ID.getMostSignificantBits())
        .putLong(8, ID.getLeastSignificantBits()));
    cell(content, ByteBuffer.wrap(new byte[] {1, 2, 3}));
    for (int i = 0; i < 5; i++) {
      content.putInt(-1);
    }
    for (int i = 0; i < 5; i++) {
      content.putInt(0);
    }
    content.flip();
    List<ColumnSpec> specs = new ArrayList<>();
    List<ColumnDefinition> definitions = new ArrayList<>();
    for (int i = 0; i < TYPES.size(); i++) {
      specs.add(new ColumnSpec("ks", "t", "c" + i, TYPES.get(i)));
      definitions.add(new ColumnDefinition("ks", "t", "c" + i, TYPES.get(i)));
    }
    Rows rows = new Rows(new RowsMetadata(0, 5, specs, null, null), 3, content.slice());
    return new RowsPage(new ColumnDefinitions(definitions), rows, ProtocolVersion.V5);
  }

  private static void cell(ByteBuffer out, ByteBuffer value) {
    out.putInt(value.remaining()).put(value.duplicate());
  }

  @Test
  void typed_getters_read_the_cells_in_place() {
    Row row = page().asList().get(0);
    assertThat(row.getInt(0)).isEqualTo(-7);
    assertThat(row.getLong(1)).isEqualTo(1L << 40);
    assertThat(row.getString(2)).isEqualTo("h\u00e9llo");
    assertThat(row.getUuid(3)).isEqualTo(ID);
    ByteBuffer blob = row.getBytes(4);
    assertThat(blob.isReadOnly()).isTrue();
    assertThat(blob.position()).isZero();
    assertThat(blob.remaining()).isEqualTo(3);
    assertThat(blob.get(0)).isEqualTo((byte) 1);
    assertThat(blob.get(2)).isEqualTo((byte) 3);
    assertThatThrownBy(() -> blob.put(0, (byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
    assertThat(row.getObject(0)).isEqualTo(-7);
    assertThat(row.getObject(1)).isEqualTo(1L << 40);
    assertThat(row.getObject(3)).isEqualTo(ID);
    assertThat(row.get(2, String.class)).isEqualTo("h\u00e9llo");
    assertThat(row.get(4, ByteBuffer.class).remaining()).isEqualTo(3);
  }

  @Test
  void null_cells_read_as_null_or_zero() {
    Row row = page().asList().get(1);
    for (int i = 0; i < 5; i++) {
      assertThat(row.isNull(i)).isTrue();
      assertThat(row.getObject(i)).isNull();
    }
    assertThat(row.getInt(0)).isZero();
    assertThat(row.getLong(1)).isZero();
    assertThat(row.getString(2)).isNull();
    assertThat(row.getUuid(3)).isNull();
    assertThat(row.getBytes(4)).isNull();
  }

  @Test
  void empty_cells_read_as_cassandra_allows_them() {
    Row row = page().asList().get(2);
    assertThat(row.getInt(0)).isZero();
    assertThat(row.getObject(0)).isNull();
    assertThat(row.getLong(1)).isZero();
    assertThat(row.getObject(1)).isNull();
    assertThat(row.getString(2)).isEmpty();
    assertThat(row.getUuid(3)).isNull();
    assertThat(row.getBytes(4).remaining()).isZero();
  }

  @Test
  void a_getter_of_the_wrong_type_says_what_the_column_is() {
    Row row = page().asList().get(0);
    assertThatThrownBy(() -> row.getInt(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'c1'")
        .hasMessageContaining("bigint");
    assertThatThrownBy(() -> row.getLong(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> row.getBytes(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> row.getInt(5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3, 9, 20})
  void every_cell_of_narrow_and_wide_pages_reads_back_in_any_order(int columns) {
    // one offset per cell into the frame body, the length before it: nulls and empty values too
    java.util.Random random = new java.util.Random(columns);
    int rowCount = 50;
    String[][] expected = new String[rowCount][columns];
    ByteBuffer content = ByteBuffer.allocate(64 * 1024);
    for (int r = 0; r < rowCount; r++) {
      for (int c = 0; c < columns; c++) {
        int kind = random.nextInt(4);
        if (kind == 0) {
          content.putInt(-1);
        } else {
          String value = kind == 1 ? "" : "r" + r + "c" + c + "x".repeat(random.nextInt(20));
          expected[r][c] = value;
          cell(content, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    content.flip();
    List<ColumnDefinition> definitions = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      definitions.add(new ColumnDefinition("ks", "t", "c" + c, DataType.TEXT));
    }
    Rows rows = new Rows(new RowsMetadata(RowsMetadata.NO_METADATA, columns, null, null, null),
        rowCount, content.slice());
    RowsPage page = new RowsPage(new ColumnDefinitions(definitions), rows, ProtocolVersion.V5);
    List<io.loomcql.query.Row> list = page.asList();
    for (int r = rowCount - 1; r >= 0; r--) {
      for (int c = columns - 1; c >= 0; c--) {
        assertThat(list.get(r).getString(c)).as("row %d column %d", r, c).isEqualTo(expected[r][c]);
        assertThat(list.get(r).isNull(c)).isEqualTo(expected[r][c] == null);
      }
    }
  }
}
