package io.loomcql.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.AlreadyExistsException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.ReadFailureException;
import io.loomcql.ReadTimeoutException;
import io.loomcql.ServerErrorException;
import io.loomcql.SyntaxException;
import io.loomcql.UnavailableException;
import io.loomcql.UnpreparedException;
import io.loomcql.WriteFailureException;
import io.loomcql.WriteTimeoutException;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.wire.Frame;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResponseDecoderTest {

  private static Response decode(ProtocolVersion v, int opcode, Bin body) {
    return ResponseDecoder.decode(body.frame(v, 0, opcode)).response();
  }

  private static DriverExceptionHolder error(ProtocolVersion v, Bin body) {
    ErrorResponse e = (ErrorResponse) decode(v, Opcodes.ERROR, body);
    return new DriverExceptionHolder(e);
  }

  private record DriverExceptionHolder(ErrorResponse response) {}

  @Test
  void ready_has_an_empty_body() {
    assertThat(decode(ProtocolVersion.V4, Opcodes.READY, Bin.of())).isEqualTo(new Ready());
  }

  @Test
  void supported_is_a_string_multimap() {
    Bin body = Bin.of().short_(2)
        .string("CQL_VERSION").stringList("3.4.7")
        .string("COMPRESSION").stringList("snappy", "lz4");
    Supported s = (Supported) decode(ProtocolVersion.V4, Opcodes.SUPPORTED, body);
    assertThat(s.options()).containsExactly(
        Map.entry("CQL_VERSION", List.of("3.4.7")),
        Map.entry("COMPRESSION", List.of("snappy", "lz4")));
  }

  @Test
  void authenticate_names_the_authenticator() {
    assertThat(decode(ProtocolVersion.V4, Opcodes.AUTHENTICATE,
        Bin.of().string("org.apache.cassandra.auth.PasswordAuthenticator")))
        .isEqualTo(new Authenticate("org.apache.cassandra.auth.PasswordAuthenticator"));
    AuthSuccess ok = (AuthSuccess) decode(ProtocolVersion.V4, Opcodes.AUTH_SUCCESS, Bin.of().int_(-1));
    assertThat(ok.token()).isNull();
    AuthChallenge ch = (AuthChallenge) decode(ProtocolVersion.V4, Opcodes.AUTH_CHALLENGE,
        Bin.of().bytes("0102"));
    assertThat(ch.token()).containsExactly(1, 2);
  }

  @Test
  void a_syntax_error_becomes_a_syntax_exception_with_the_server_message() {
    ErrorResponse e = error(ProtocolVersion.V4, Bin.of().int_(0x2000)
        .string("line 1:0 no viable alternative at input 'SELEC'")).response();
    assertThat(e.code()).isEqualTo(0x2000);
    assertThat(e.exception()).isInstanceOf(SyntaxException.class)
        .hasMessage("Error from server: code=2000 [Syntax error in CQL query] "
            + "message=\"line 1:0 no viable alternative at input 'SELEC'\"");
  }

  @Test
  void unavailable_carries_consistency_required_and_alive() {
    UnavailableException u = (UnavailableException) error(ProtocolVersion.V4, Bin.of()
        .int_(0x1000).string("Cannot achieve consistency level QUORUM")
        .short_(4).int_(2).int_(1)).response().exception();
    assertThat(u.consistency()).isEqualTo(ConsistencyLevel.QUORUM);
    assertThat(u.requiredReplicas()).isEqualTo(2);
    assertThat(u.aliveReplicas()).isEqualTo(1);
    assertThat(u.getMessage()).contains("code=1000", "'required_replicas': 2");
  }

  @Test
  void read_timeout_carries_its_counts_and_whether_data_was_retrieved() {
    ReadTimeoutException r = (ReadTimeoutException) error(ProtocolVersion.V4, Bin.of()
        .int_(0x1200).string("timeout").short_(1).int_(0).int_(1).byte_(0))
        .response().exception();
    assertThat(r.consistency()).isEqualTo(ConsistencyLevel.ONE);
    assertThat(r.receivedResponses()).isZero();
    assertThat(r.requiredResponses()).isEqualTo(1);
    assertThat(r.dataRetrieved()).isFalse();
  }

  @Test
  void write_timeout_carries_the_write_type_and_on_v5_cas_the_contentions() {
    WriteTimeoutException w = (WriteTimeoutException) error(ProtocolVersion.V4, Bin.of()
        .int_(0x1100).string("t").short_(6).int_(1).int_(2).string("BATCH_LOG"))
        .response().exception();
    assertThat(w.writeType()).isEqualTo("BATCH_LOG");
    assertThat(w.contentions()).isEqualTo(-1);
    WriteTimeoutException cas = (WriteTimeoutException) error(ProtocolVersion.V5, Bin.of()
        .int_(0x1100).string("t").short_(9).int_(0).int_(1).string("CAS").short_(3))
        .response().exception();
    assertThat(cas.contentions()).isEqualTo(3);
  }

  @Test
  void read_failure_on_v5_carries_the_reason_map() throws Exception {
    ReadFailureException r = (ReadFailureException) error(ProtocolVersion.V5, Bin.of()
        .int_(0x1300).string("failed").short_(4).int_(1).int_(2)
        .int_(2)
        .byte_(4).raw("7f000002").short_(0x0001)
        .byte_(16).raw("00000000000000000000000000000001").short_(0x0000)
        .byte_(1)).response().exception();
    assertThat(r.failures()).isEqualTo(2);
    assertThat(r.reasonByEndpoint()).containsExactly(
        Map.entry(InetAddress.getByName("127.0.0.2"), 1),
        Map.entry(InetAddress.getByName("::1"), 0));
    assertThat(r.dataRetrieved()).isTrue();
    assertThat(r.getMessage()).contains("'127.0.0.2': '0x0001'");
  }

  @Test
  void read_and_write_failure_on_v4_carry_only_the_number_of_failures() {
    ReadFailureException r = (ReadFailureException) error(ProtocolVersion.V4, Bin.of()
        .int_(0x1300).string("f").short_(1).int_(0).int_(1).int_(3).byte_(0))
        .response().exception();
    assertThat(r.failures()).isEqualTo(3);
    assertThat(r.reasonByEndpoint()).isEmpty();
    WriteFailureException w = (WriteFailureException) error(ProtocolVersion.V4, Bin.of()
        .int_(0x1500).string("f").short_(1).int_(0).int_(1).int_(1).string("SIMPLE"))
        .response().exception();
    assertThat(w.writeType()).isEqualTo("SIMPLE");
    assertThat(w.failures()).isEqualTo(1);
  }

  @Test
  void already_exists_names_keyspace_and_table() {
    AlreadyExistsException a = (AlreadyExistsException) error(ProtocolVersion.V4, Bin.of()
        .int_(0x2400).string("Cannot add already existing table \"t\" to keyspace \"ks\"")
        .string("ks").string("t")).response().exception();
    assertThat(a.keyspace()).isEqualTo("ks");
    assertThat(a.table()).isEqualTo("t");
    assertThat(a.isKeyspace()).isFalse();
    assertThat(a.errorCode()).isEqualTo(0x2400);
  }

  @Test
  void unprepared_carries_the_unknown_id() {
    UnpreparedException u = (UnpreparedException) error(ProtocolVersion.V4, Bin.of()
        .int_(0x2500).string("unknown").shortBytes("cafebabe")).response().exception();
    assertThat(u.queryId()).containsExactly(Bin.hex("cafebabe"));
  }

  @Test
  void an_unknown_error_code_is_kept_in_a_server_error() {
    ServerErrorException s = (ServerErrorException) error(ProtocolVersion.V4, Bin.of()
        .int_(0x7777).string("what")).response().exception();
    assertThat(s.errorCode()).isEqualTo(0x7777);
    assertThat(s.getMessage()).contains("Unknown error code 0x7777", "what");
  }

  @Test
  void a_protocol_error_from_the_server_is_a_protocol_exception() {
    ErrorResponse e = error(ProtocolVersion.V4, Bin.of().int_(0x000A)
        .string("Invalid or unsupported protocol version (5)")).response();
    assertThat(e.exception()).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Invalid or unsupported protocol version (5)");
  }

  @Test
  void a_plain_void_result_is_one_shared_answer_and_a_flagged_one_is_decoded() {
    DecodedResponse first = ResponseDecoder.decode(Bin.of().int_(1).frame(ProtocolVersion.V5, 0,
        Opcodes.RESULT));
    DecodedResponse second = ResponseDecoder.decode(Bin.of().int_(1).frame(ProtocolVersion.V4, 0,
        Opcodes.RESULT));
    assertThat(second).isSameAs(first);
    assertThat(first.response()).isEqualTo(new VoidResult());
    assertThat(first.warnings()).isEmpty();
    assertThat(first.tracingId()).isNull();
    assertThat(first.customPayload()).isNull();
    DecodedResponse warned = ResponseDecoder.decode(Bin.of().stringList("careful").int_(1)
        .frame(ProtocolVersion.V4, Frame.FLAG_WARNING, Opcodes.RESULT));
    assertThat(warned).isNotSameAs(first);
    assertThat(warned.warnings()).containsExactly("careful");
    // a body that only starts like a VOID result is still decoded, and refused
    assertThatThrownBy(() -> ResponseDecoder.decode(Bin.of().int_(2).frame(ProtocolVersion.V4, 0,
        Opcodes.RESULT))).isInstanceOf(ProtocolException.class);
  }

  @Test
  void void_set_keyspace_and_schema_change_results() {
    assertThat(decode(ProtocolVersion.V4, Opcodes.RESULT, Bin.of().int_(1)))
        .isEqualTo(new VoidResult());
    assertThat(decode(ProtocolVersion.V4, Opcodes.RESULT, Bin.of().int_(3).string("ks")))
        .isEqualTo(new SetKeyspace("ks"));
    assertThat(decode(ProtocolVersion.V4, Opcodes.RESULT,
        Bin.of().int_(5).string("CREATED").string("KEYSPACE").string("ks")))
        .isEqualTo(new SchemaChange("CREATED", "KEYSPACE", "ks", "", List.of()));
    assertThat(decode(ProtocolVersion.V4, Opcodes.RESULT,
        Bin.of().int_(5).string("UPDATED").string("TABLE").string("ks").string("t")))
        .isEqualTo(new SchemaChange("UPDATED", "TABLE", "ks", "t", List.of()));
    assertThat(decode(ProtocolVersion.V4, Opcodes.RESULT, Bin.of().int_(5).string("DROPPED")
        .string("FUNCTION").string("ks").string("f").stringList("int", "text")))
        .isEqualTo(new SchemaChange("DROPPED", "FUNCTION", "ks", "f", List.of("int", "text")));
  }

  @Test
  void rows_with_a_global_table_spec_and_more_pages() {
    Bin body = Bin.of().int_(2)
        .int_(RowsMetadata.GLOBAL_TABLES_SPEC | RowsMetadata.HAS_MORE_PAGES).int_(2)
        .bytes("0badf00d")
        .string("ks").string("users")
        .string("id").short_(0x0009)
        .string("tags").short_(0x0021).short_(0x000D).short_(0x0020).short_(0x0002)
        .int_(2)
        .bytes("00000001").int_(-1)
        .bytes("00000002").bytes("00000000");
    Rows rows = (Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, body);
    RowsMetadata m = rows.metadata();
    assertThat(m.columns()).containsExactly(
        new ColumnSpec("ks", "users", "id", DataType.INT),
        new ColumnSpec("ks", "users", "tags",
            new MapType(DataType.TEXT, new ListType(DataType.BIGINT))));
    assertThat(m.hasMorePages()).isTrue();
    assertThat(Bin.toHex(m.pagingState())).isEqualTo("0b ad f0 0d");
    assertThat(rows.rowCount()).isEqualTo(2);
    int[] idx = rows.cellIndex();
    assertThat(idx).containsExactly(4, 4, 12, -1, 16, 4, 24, 4);
    assertThat(rows.content().getInt(idx[4])).isEqualTo(2);
    // the driver's own index: one absolute offset per cell into the frame body, the length before it
    int[] offsets = rows.cellOffsets();
    assertThat(rows.cellOffsets()).isSameAs(offsets);
    assertThat(offsets).hasSize(4);
    for (int i = 0; i < offsets.length; i++) {
      assertThat(offsets[i] - offsets[0]).isEqualTo(idx[2 * i] - idx[0]);
      assertThat(rows.buffer().getInt(offsets[i] - 4)).isEqualTo(idx[2 * i + 1]);
    }
    assertThat(rows.buffer().getInt(offsets[2])).isEqualTo(2);
  }

  @Test
  void rows_read_their_cells_from_the_frame_body_itself() {
    Bin body = Bin.of().int_(2).int_(RowsMetadata.NO_METADATA).int_(1).int_(1).bytes("0000002a");
    Frame frame = new Frame(ProtocolVersion.V4, 0, 1, Opcodes.RESULT, java.nio.ByteBuffer.wrap(body.array()));
    Rows rows = (Rows) ResponseDecoder.decode(frame).response();
    assertThat(rows.buffer()).isSameAs(frame.body());
    assertThat(rows.cellOffsets()).containsExactly(20);
    assertThat(frame.body().getInt(rows.cellOffsets()[0])).isEqualTo(42);
    assertThat(frame.body().position()).isZero();
  }

  @Test
  void rows_with_per_column_specs() {
    Bin body = Bin.of().int_(2).int_(0).int_(1)
        .string("ks").string("t").string("v").short_(0x000D)
        .int_(1).bytes("6869");
    Rows rows = (Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, body);
    assertThat(rows.metadata().columns())
        .containsExactly(new ColumnSpec("ks", "t", "v", DataType.VARCHAR));
    assertThat(rows.metadata().pagingState()).isNull();
    assertThat(rows.cellIndex()).containsExactly(4, 2);
  }

  @Test
  void rows_without_metadata_keep_the_column_count() {
    Bin body = Bin.of().int_(2).int_(RowsMetadata.NO_METADATA).int_(3)
        .int_(1).bytes("01").bytes("02").int_(-1);
    Rows rows = (Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, body);
    assertThat(rows.metadata().columns()).isNull();
    assertThat(rows.columnCount()).isEqualTo(3);
    assertThat(rows.cellIndex()).containsExactly(4, 1, 9, 1, 14, -1);
  }

  @Test
  void the_metadata_of_a_last_page_without_columns_is_shared_and_any_other_is_not() {
    Bin body = Bin.of().int_(2).int_(RowsMetadata.NO_METADATA).int_(2).int_(0);
    RowsMetadata first = ((Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, body)).metadata();
    RowsMetadata second = ((Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, body)).metadata();
    assertThat(second).isSameAs(first);
    assertThat(first).isEqualTo(new RowsMetadata(RowsMetadata.NO_METADATA, 2, null, null, null));
    Bin paged = Bin.of().int_(2).int_(RowsMetadata.NO_METADATA | RowsMetadata.HAS_MORE_PAGES)
        .int_(2).bytes("0bad").int_(0);
    RowsMetadata withState = ((Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, paged)).metadata();
    assertThat(withState.columnCount()).isEqualTo(2);
    assertThat(Bin.toHex(withState.pagingState())).isEqualTo("0b ad");
  }

  @Test
  void rows_with_changed_metadata_on_v5_carry_the_new_id() {
    Bin body = Bin.of().int_(2).int_(RowsMetadata.METADATA_CHANGED | 1).int_(1)
        .shortBytes("beef").string("ks").string("t").string("v").short_(9).int_(0);
    Rows rows = (Rows) decode(ProtocolVersion.V5, Opcodes.RESULT, body);
    assertThat(rows.metadata().newResultMetadataId()).containsExactly(Bin.hex("beef"));
    assertThat(rows.cellIndex()).isEmpty();
  }

  @Test
  void rows_whose_cells_do_not_match_the_counts_are_refused() {
    Bin leftover = Bin.of().int_(2).int_(RowsMetadata.NO_METADATA).int_(1).int_(1).bytes("01")
        .byte_(0);
    Rows rows = (Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, leftover);
    assertThatThrownBy(rows::cellIndex).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("left over");
    Bin tooLong = Bin.of().int_(2).int_(RowsMetadata.NO_METADATA).int_(1).int_(1).int_(9)
        .raw("01");
    Rows rows2 = (Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, tooLong);
    assertThatThrownBy(rows2::cellIndex).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("9 bytes");
    Bin unset = Bin.of().int_(2).int_(RowsMetadata.NO_METADATA).int_(1).int_(1).int_(-2);
    Rows rows3 = (Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, unset);
    assertThatThrownBy(rows3::cellIndex).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("-2");
    Bin huge = Bin.of().int_(2).int_(RowsMetadata.NO_METADATA).int_(Integer.MAX_VALUE)
        .int_(Integer.MAX_VALUE).int_(-1);
    Rows rows4 = (Rows) decode(ProtocolVersion.V4, Opcodes.RESULT, huge);
    assertThatThrownBy(rows4::cellIndex).isInstanceOf(ProtocolException.class);
  }

  @Test
  void prepared_on_v4_has_partition_key_indexes() {
    Bin body = Bin.of().int_(4).shortBytes("0102")
        .int_(1).int_(2).int_(1).short_(1)
        .string("ks").string("t").string("a").short_(9).string("b").short_(0x0D)
        .int_(RowsMetadata.NO_METADATA).int_(0);
    Prepared p = (Prepared) decode(ProtocolVersion.V4, Opcodes.RESULT, body);
    assertThat(p.queryId()).containsExactly(1, 2);
    assertThat(p.resultMetadataId()).isNull();
    assertThat(p.variables().pkIndexes()).containsExactly(1);
    assertThat(p.variables().columns()).extracting(ColumnSpec::name).containsExactly("a", "b");
    assertThat(p.resultMetadata().columnCount()).isZero();
  }

  @Test
  void prepared_on_v5_has_a_result_metadata_id_and_result_columns() {
    Bin body = Bin.of().int_(4).shortBytes("0102").shortBytes("0304")
        .int_(1).int_(1).int_(1).short_(0)
        .string("ks").string("t").string("id").short_(9)
        .int_(1).int_(1).string("ks").string("t").string("v").short_(0x0C);
    Prepared p = (Prepared) decode(ProtocolVersion.V5, Opcodes.RESULT, body);
    assertThat(p.resultMetadataId()).containsExactly(3, 4);
    assertThat(p.resultMetadata().columns())
        .containsExactly(new ColumnSpec("ks", "t", "v", DataType.UUID));
  }

  @Test
  void prepared_on_v3_has_no_partition_key_indexes() {
    Bin body = Bin.of().int_(4).shortBytes("01")
        .int_(1).int_(1).string("ks").string("t").string("a").short_(9)
        .int_(4).int_(0);
    Prepared p = (Prepared) decode(ProtocolVersion.V3, Opcodes.RESULT, body);
    assertThat(p.variables().pkIndexes()).isEmpty();
  }

  @Test
  void tracing_id_warnings_and_custom_payload_prefix_the_body_in_that_order() {
    UUID trace = UUID.fromString("5d0c8a8e-1111-11ee-8000-000000000001");
    Bin body = Bin.of().uuid(trace).stringList("Batch too large")
        .short_(1).string("k").bytes("ff")
        .int_(1);
    int flags = Frame.FLAG_TRACING | Frame.FLAG_WARNING | Frame.FLAG_CUSTOM_PAYLOAD;
    DecodedResponse d = ResponseDecoder.decode(body.frame(ProtocolVersion.V4, flags, Opcodes.RESULT));
    assertThat(d.tracingId()).isEqualTo(trace);
    assertThat(d.warnings()).containsExactly("Batch too large");
    assertThat(d.customPayload()).containsOnlyKeys("k");
    assertThat(Bin.toHex(d.customPayload().get("k"))).isEqualTo("ff");
    assertThat(d.response()).isEqualTo(new VoidResult());
  }

  @Test
  void events_for_topology_status_and_schema() {
    Event topo = (Event) decode(ProtocolVersion.V4, Opcodes.EVENT, Bin.of()
        .string("TOPOLOGY_CHANGE").string("NEW_NODE").byte_(4).raw("0a000001").int_(9042));
    assertThat(topo.change()).isEqualTo("NEW_NODE");
    assertThat(topo.address()).isEqualTo(new InetSocketAddress("10.0.0.1", 9042));
    Event status = (Event) decode(ProtocolVersion.V4, Opcodes.EVENT, Bin.of()
        .string("STATUS_CHANGE").string("DOWN").byte_(4).raw("0a000002").int_(9042));
    assertThat(status.change()).isEqualTo("DOWN");
    Event schema = (Event) decode(ProtocolVersion.V4, Opcodes.EVENT, Bin.of()
        .string("SCHEMA_CHANGE").string("CREATED").string("TYPE").string("ks").string("addr"));
    assertThat(schema.schemaChange())
        .isEqualTo(new SchemaChange("CREATED", "TYPE", "ks", "addr", List.of()));
  }

  @Test
  void compressed_frames_unknown_opcodes_and_truncated_bodies_are_protocol_errors() {
    assertThatThrownBy(() -> ResponseDecoder.decode(
        Bin.of().int_(1).frame(ProtocolVersion.V4, Frame.FLAG_COMPRESSED, Opcodes.RESULT)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("compress");
    assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcodes.QUERY, Bin.of()))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("QUERY");
    assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcodes.RESULT, Bin.of().int_(3).short_(5)
        .raw("6b")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("[string]");
    assertThatThrownBy(() -> decode(ProtocolVersion.V4, Opcodes.RESULT, Bin.of().int_(3).short_(2)
        .raw("c328")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("UTF-8");
  }
}
