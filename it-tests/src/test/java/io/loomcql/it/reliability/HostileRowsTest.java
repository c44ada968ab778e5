package io.loomcql.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.Row;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.wire.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rows a hostile server sent with broken cells: they are decoded only when a getter asks, on the
 * caller's thread, and the getter fails with a clear {@link ProtocolException} instead of hanging
 * or returning garbage; the row's other cells still read.
 */
class HostileRowsTest {

  @Test
  void invalid_utf8_in_a_text_cell_fails_its_getter_with_a_protocol_exception() {
    Row row = row(new byte[] {'o', 'k', (byte) 0xC3, 0x28}, list(1, 7));

    assertThatThrownBy(() -> row.getString("s"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> row.getObject(0)).isInstanceOf(ProtocolException.class);
    assertThat(row.getObject("l")).isEqualTo(List.of(7));
  }

  @Test
  void a_negative_collection_size_fails_its_getter_with_a_protocol_exception() {
    Row row = row("fine".getBytes(StandardCharsets.UTF_8), ByteBuffer.allocate(4).putInt(-1).array());

    assertThatThrownBy(() -> row.get("l", List.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Invalid element count -1");
    assertThat(row.getString("s")).isEqualTo("fine");
  }

  @Test
  void an_absurd_collection_size_fails_at_once_without_allocating_for_it() {
    Row row = row("x".getBytes(StandardCharsets.UTF_8), ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());

    assertThatThrownBy(() -> row.getObject("l"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Invalid element count " + Integer.MAX_VALUE);
  }

  /** A serialized list<int> of {@code n} elements equal to {@code value}. */
  private static byte[] list(int n, int value) {
    ByteBuffer out = ByteBuffer.allocate(4 + 8 * n).putInt(n);
    for (int i = 0; i < n; i++) {
      out.putInt(4).putInt(value);
    }
    return out.array();
  }

  /** The one row of a RESULT Rows frame (s text, l list<int>) as a driver user sees it. */
  private static Row row(byte[] text, byte[] list) {
    ByteBuffer body = ByteBuffer.allocate(256);
    body.putInt(0x0002).putInt(0x0001).putInt(2);
    putString(body, "ks");
    putString(body, "t");
    putString(body, "s");
    body.putShort((short) 0x000D);
    putString(body, "l");
    body.putShort((short) 0x0020).putShort((short) 0x0009);
    body.putInt(1);
    body.putInt(text.length).put(text);
    body.putInt(list.length).put(list);
    Frame frame =
        new Frame(ProtocolVersion.V4, 0, 1, Opcodes.RESULT,
            ByteBuffer.wrap(Arrays.copyOf(body.array(), body.position())));
    Rows rows = (Rows) ResponseDecoder.decode(frame).response();
    ColumnDefinitions columns =
        new ColumnDefinitions(
            List.of(
                new ColumnDefinition("ks", "t", "s", DataType.TEXT),
                new ColumnDefinition("ks", "t", "l", new ListType(DataType.INT))));
    return new RowsPage(columns, rows, ProtocolVersion.V4).asList().get(0);
  }

  private static void putString(ByteBuffer out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.putShort((short) bytes.length).put(bytes);
  }
}
