package io.loomcql.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.UserType;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.RowsMetadata;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.protocol.internal.codec.TextCodec;
import io.loomcql.protocol.internal.codec.TypeCodec;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedInternalsTest {

  private static final UserType ADDRESS =
      new UserType("ks", "address", List.of("street"), List.of(DataType.TEXT));

  private static ColumnDefinitions columns(DataType... types) {
    ColumnDefinition[] defs = new ColumnDefinition[types.length];
    for (int i = 0; i < types.length; i++) {
      defs[i] = new ColumnDefinition("ks", "t", "c" + i, types[i]);
    }
    return new ColumnDefinitions(List.of(defs));
  }

  @Test
  void columns_without_user_types_get_their_codecs_once() {
    TypeCodec<?>[] codecs = PreparedInternals.codecsOf(
        columns(DataType.TEXT, DataType.INT, new ListType(DataType.BIGINT)));
    assertThat(codecs).hasSize(3).doesNotContainNull();
    assertThat(codecs[0]).isSameAs(TextCodec.TEXT);
  }

  @Test
  void a_user_type_anywhere_leaves_the_codecs_to_each_page() {
    assertThat(PreparedInternals.codecsOf(columns(DataType.INT, ADDRESS))).isNull();
    assertThat(PreparedInternals.codecsOf(columns(new ListType(ADDRESS)))).isNull();
    assertThat(PreparedInternals.codecsOf(columns(new MapType(DataType.TEXT, ADDRESS)))).isNull();
    assertThat(PreparedInternals.codecsOf(columns(new TupleType(List.of(DataType.INT, ADDRESS)))))
        .isNull();
    assertThat(PreparedInternals.codecsOf(null)).isNull();
  }

  @Test
  void a_prepared_statement_shares_its_codecs_for_its_current_columns_only() {
    ColumnDefinitions result = columns(DataType.TEXT);
    PreparedStatement prepared = PreparedInternals.create(new PreparedInfo(
        "SELECT v FROM t WHERE k = ?", null,
        new byte[] {1}, new byte[] {2}, columns(DataType.INT), new int[] {0}, result,
        ProtocolVersion.V5, type -> null));
    TypeCodec<?>[] shared = PreparedInternals.resultCodecs(prepared, result);
    assertThat(shared).containsExactly(TextCodec.TEXT);
    assertThat(PreparedInternals.resultCodecs(prepared, result)).isSameAs(shared);
    assertThat(PreparedInternals.queryId(prepared)).containsExactly(1);
    assertThat(PreparedInternals.resultMetadataId(prepared)).containsExactly(2);
    // columns changed (METADATA_CHANGED): the old columns no longer get the shared codecs
    ColumnDefinitions changed = columns(DataType.TEXT, DataType.INT);
    PreparedInternals.updateResultMetadata(prepared, new byte[] {3}, changed);
    assertThat(PreparedInternals.resultCodecs(prepared, result)).isNull();
    assertThat(PreparedInternals.resultCodecs(prepared, changed)).hasSize(2);
  }

  @Test
  void a_page_reads_with_shared_codecs_and_never_writes_them() {
    TypeCodec<?>[] shared = PreparedInternals.codecsOf(columns(DataType.TEXT, DataType.INT));
    TypeCodec<?>[] before = shared.clone();
    ByteBuffer content = ByteBuffer.allocate(64);
    byte[] text = "hi".getBytes(StandardCharsets.UTF_8);
    content.putInt(text.length).put(text).putInt(4).putInt(7).flip();
    Rows rows = new Rows(new RowsMetadata(RowsMetadata.NO_METADATA, 2, null, null, null), 1,
        content.slice());
    RowsPage page = new RowsPage(columns(DataType.TEXT, DataType.INT), rows, ProtocolVersion.V5,
        MappedClassCodecs.NONE, shared);
    assertThat(page.asList().get(0).getString(0)).isEqualTo("hi");
    assertThat(page.asList().get(0).getInt(1)).isEqualTo(7);
    assertThat(Arrays.equals(shared, before)).isTrue();
  }
}
