package io.loomcql.cluster.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.protocol.internal.ColumnSpec;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.protocol.internal.PreparedMetadata;
import io.loomcql.protocol.internal.RowsMetadata;
import io.loomcql.protocol.internal.codec.MappedClassCodecs;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.internal.PreparedInfo;
import io.loomcql.query.internal.PreparedInternals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a PREPARED answer becomes. */
class ResponseMapperTest {

  @Test
  void a_prepared_answer_becomes_the_statement_it_describes() {
    byte[] id = {1, 2};
    ColumnSpec k = new ColumnSpec("ks", "t", "k", DataType.INT);
    ColumnSpec v = new ColumnSpec("ks", "t", "v", DataType.TEXT);
    Prepared answer = new Prepared(id, new byte[] {9},
        new PreparedMetadata(0, List.of(k), new int[] {0}),
        new RowsMetadata(0, 1, List.of(v), null, null));

    PreparedInfo info = ResponseMapper.toPreparedInfo(
        "SELECT v FROM t WHERE k = ?", "ks", answer, ProtocolVersion.V5, MappedClassCodecs.NONE);
    id[0] = 7; // the statement keeps its own copy
    PreparedStatement statement = PreparedInternals.create(info);

    assertThat(statement.queryString()).isEqualTo("SELECT v FROM t WHERE k = ?");
    assertThat(statement.keyspace()).isEqualTo("ks");
    assertThat(statement.queryId()).containsExactly(1, 2);
    assertThat(statement.resultMetadataId()).containsExactly(9);
    assertThat(statement.columnMetadata().get(0).name()).isEqualTo("k");
    assertThat(statement.routingKeyIndexes()).containsExactly(0);
    assertThat(statement.resultMetadata().get(0).name()).isEqualTo("v");
    assertThat(statement.protocolVersion()).isEqualTo(ProtocolVersion.V5);
  }

  @Test
  void a_v3_answer_has_no_routing_key_indexes_and_a_write_no_result_columns() {
    Prepared answer = new Prepared(new byte[] {1}, null,
        new PreparedMetadata(0, List.of(new ColumnSpec("ks", "t", "k", DataType.INT)), new int[0]),
        new RowsMetadata(RowsMetadata.NO_METADATA, 0, null, null, null));

    PreparedStatement statement = PreparedInternals.create(ResponseMapper.toPreparedInfo(
        "INSERT INTO t (k) VALUES (?)", null, answer, ProtocolVersion.V3, MappedClassCodecs.NONE));

    assertThat(statement.routingKeyIndexes()).isEmpty();
    assertThat(statement.resultMetadataId()).isNull();
    assertThat(statement.resultMetadata().size()).isZero();
    assertThat(PreparedInternals.resultColumnsOrNull(statement)).isNull();
  }
}
