package io.loomcql.protocol.internal;

import static io.loomcql.protocol.internal.Bin.toHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.UnsupportedFeatureException;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEncodingTest {

  private static String encode(Request r, ProtocolVersion v, int stream) {
    ByteBuffer buf = FrameCodec.encode(r, v, stream, 0, null);
    assertThat(buf.position()).isZero();
    assertThat(buf.remaining()).isEqualTo(buf.capacity());
    assertThat(buf.remaining()).isEqualTo(Frame.HEADER_SIZE + r.encodedSize(v));
    return toHex(buf);
  }

  private static String frame(int version, int stream, int opcode, Bin body) {
    byte[] b = body.array();
    return toHex(Bin.of().byte_(version).byte_(0).short_(stream).byte_(opcode).int_(b.length)
        .raw(b).buffer());
  }

  @Test
  void options_on_v4_at_stream_0_is_the_bare_header() {
    assertThat(encode(new Options(), ProtocolVersion.V4, 0))
        .isEqualTo(toHex(ByteBuffer.wrap(Bin.hex("04 00 0000 05 00000000"))));
  }

  @Test
  void startup_with_the_cql_version_is_a_string_map_of_one_entry() {
    Startup startup = Startup.forCqlVersion("3.0.0", null, null, null);
    assertThat(encode(startup, ProtocolVersion.V4, 1))
        .isEqualTo(frame(0x04, 1, 0x01, Bin.of().short_(1).string("CQL_VERSION").string("3.0.0")));
    assertThat(toHex(FrameCodec.encode(startup, ProtocolVersion.V4, 1, 0, null))).isEqualTo(
        "04 00 00 01 01 00 00 00 16 00 01 00 0b 43 51 4c 5f 56 45 52 53 49 4f 4e 00 05 33 2e 30 2e 30");
  }

  @Test
  void startup_options_keep_their_insertion_order() {
    Startup startup = Startup.forCqlVersion("3.0.0", "lz4", "loomcql", "0.1.0");
    assertThat(startup.options().keySet())
        .containsExactly("CQL_VERSION", "COMPRESSION", "DRIVER_NAME", "DRIVER_VERSION");
  }

  private static QueryOptions fullOptions() {
    return QueryOptions.of(ConsistencyLevel.LOCAL_QUORUM)
        .withValues(Arrays.asList(ByteBuffer.wrap(Bin.hex("0000002a")), null, QueryOptions.UNSET))
        .withPageSize(5000)
        .withPagingState(ByteBuffer.wrap(Bin.hex("cafe")))
        .withSerialConsistency(ConsistencyLevel.LOCAL_SERIAL)
        .withDefaultTimestamp(1_700_000_000_000_000L);
  }

  @Test
  void query_on_v4_has_one_byte_of_flags_and_its_parts_in_flag_order() {
    Query q = new Query("SELECT * FROM t WHERE a=? AND b=? AND c=?", fullOptions());
    Bin body = Bin.of().longString(q.cql())
        .short_(0x0006) // LOCAL_QUORUM
        .byte_(0x01 | 0x04 | 0x08 | 0x10 | 0x20)
        .short_(3).bytes("0000002a").int_(-1).int_(-2)
        .int_(5000)
        .bytes("cafe")
        .short_(0x0009)
        .long_(1_700_000_000_000_000L);
    assertThat(encode(q, ProtocolVersion.V4, 7)).isEqualTo(frame(0x04, 7, 0x07, body));
  }

  @Test
  void query_on_v5_has_four_bytes_of_flags_and_may_carry_a_keyspace_and_now() {
    Query q = new Query("SELECT 1", fullOptions().withKeyspace("ks").withNowInSeconds(42)
        .withSkipMetadata(true));
    Bin body = Bin.of().longString("SELECT 1")
        .short_(0x0006)
        .int_(0x01 | 0x02 | 0x04 | 0x08 | 0x10 | 0x20 | 0x80 | 0x100)
        .short_(3).bytes("0000002a").int_(-1).int_(-2)
        .int_(5000)
        .bytes("cafe")
        .short_(0x0009)
        .long_(1_700_000_000_000_000L)
        .string("ks")
        .int_(42);
    assertThat(encode(q, ProtocolVersion.V5, 0)).isEqualTo(frame(0x05, 0, 0x07, body));
  }

  @Test
  void query_with_named_values_writes_each_name_before_its_value() {
    QueryOptions o = QueryOptions.of(ConsistencyLevel.ONE)
        .withNamedValues(List.of("a"), List.of(ByteBuffer.wrap(Bin.hex("01"))));
    Bin body = Bin.of().longString("q").short_(1).byte_(0x41).short_(1).string("a").bytes("01");
    assertThat(encode(new Query("q", o), ProtocolVersion.V4, 0)).isEqualTo(frame(4, 0, 7, body));
  }

  @Test
  void a_minimal_query_has_only_consistency_and_zero_flags() {
    Bin body = Bin.of().longString("q").short_(1).byte_(0);
    assertThat(encode(new Query("q", QueryOptions.of(ConsistencyLevel.ONE)), ProtocolVersion.V3, 0))
        .isEqualTo(frame(3, 0, 7, body));
  }

  @Test
  void unset_values_keyspace_and_now_are_refused_on_versions_that_lack_them() {
    Query unset = new Query("q", QueryOptions.of(ConsistencyLevel.ONE)
        .withValues(List.of(QueryOptions.UNSET)));
    assertThatThrownBy(() -> FrameCodec.encode(unset, ProtocolVersion.V3, 0, 0, null))
        .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("v4");
    Query ks = new Query("q", QueryOptions.of(ConsistencyLevel.ONE).withKeyspace("ks"));
    assertThatThrownBy(() -> FrameCodec.encode(ks, ProtocolVersion.V4, 0, 0, null))
        .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("keyspace");
    Query now = new Query("q", QueryOptions.of(ConsistencyLevel.ONE).withNowInSeconds(1));
    assertThatThrownBy(() -> FrameCodec.encode(now, ProtocolVersion.V4, 0, 0, null))
        .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("now_in_seconds");
  }

  @Test
  void values_keep_their_position_when_encoded() {
    ByteBuffer v = ByteBuffer.wrap(Bin.hex("0102"));
    new Query("q", QueryOptions.of(ConsistencyLevel.ONE).withValues(List.of(v)));
    FrameCodec.encode(new Query("q", QueryOptions.of(ConsistencyLevel.ONE).withValues(List.of(v))),
        ProtocolVersion.V4, 0, 0, null);
    assertThat(v.position()).isZero();
  }

  @Test
  void prepare_on_v4_is_only_the_query() {
    assertThat(encode(new Prepare("SELECT 1"), ProtocolVersion.V4, 0))
        .isEqualTo(frame(4, 0, 0x09, Bin.of().longString("SELECT 1")));
  }

  @Test
  void prepare_on_v5_has_flags_and_an_optional_keyspace() {
    assertThat(encode(new Prepare("SELECT 1"), ProtocolVersion.V5, 0))
        .isEqualTo(frame(5, 0, 0x09, Bin.of().longString("SELECT 1").int_(0)));
    assertThat(encode(new Prepare("SELECT 1", "ks"), ProtocolVersion.V5, 0))
        .isEqualTo(frame(5, 0, 0x09, Bin.of().longString("SELECT 1").int_(1).string("ks")));
    assertThatThrownBy(() -> FrameCodec.encode(new Prepare("q", "ks"), ProtocolVersion.V4, 0, 0,
        null)).isInstanceOf(UnsupportedFeatureException.class);
  }

  @Test
  void execute_on_v4_is_id_then_parameters() {
    Execute e = new Execute(Bin.hex("abcd"), Bin.hex("ef"), QueryOptions.of(ConsistencyLevel.ONE)
        .withSkipMetadata(true));
    assertThat(encode(e, ProtocolVersion.V4, 0))
        .isEqualTo(frame(4, 0, 0x0A, Bin.of().shortBytes("abcd").short_(1).byte_(0x02)));
  }

  @Test
  void execute_on_v5_adds_the_result_metadata_id() {
    Execute e = new Execute(Bin.hex("abcd"), Bin.hex("ef"), QueryOptions.of(ConsistencyLevel.ONE));
    assertThat(encode(e, ProtocolVersion.V5, 0))
        .isEqualTo(frame(5, 0, 0x0A, Bin.of().shortBytes("abcd").shortBytes("ef").short_(1)
            .int_(0)));
    Execute noId = new Execute(Bin.hex("abcd"), null, QueryOptions.of(ConsistencyLevel.ONE));
    assertThat(encode(noId, ProtocolVersion.V5, 0))
        .isEqualTo(frame(5, 0, 0x0A, Bin.of().shortBytes("abcd").short_(0).short_(1).int_(0)));
  }

  @Test
  void batch_mixes_queries_and_prepared_ids() {
    Batch b = new Batch(Batch.UNLOGGED, List.of("INSERT 1", Bin.hex("0102")),
        List.of(List.of(), Arrays.asList(ByteBuffer.wrap(Bin.hex("05")), null)),
        ConsistencyLevel.QUORUM, ConsistencyLevel.SERIAL, 99L, null,
        QueryOptions.NO_NOW_IN_SECONDS);
    Bin v4 = Bin.of().byte_(1).short_(2)
        .byte_(0).longString("INSERT 1").short_(0)
        .byte_(1).shortBytes("0102").short_(2).bytes("05").int_(-1)
        .short_(4).byte_(0x30).short_(8).long_(99);
    assertThat(encode(b, ProtocolVersion.V4, 3)).isEqualTo(frame(4, 3, 0x0D, v4));
    Batch v5batch = new Batch(Batch.LOGGED, List.of("q"), null, ConsistencyLevel.ONE, null,
        QueryOptions.NO_TIMESTAMP, "ks", 7);
    Bin v5 = Bin.of().byte_(0).short_(1).byte_(0).longString("q").short_(0)
        .short_(1).int_(0x180).string("ks").int_(7);
    assertThat(encode(v5batch, ProtocolVersion.V5, 3)).isEqualTo(frame(5, 3, 0x0D, v5));
  }

  @Test
  void register_and_auth_response_bodies() {
    assertThat(encode(new Register(List.of("STATUS_CHANGE")), ProtocolVersion.V4, 0))
        .isEqualTo(frame(4, 0, 0x0B, Bin.of().stringList("STATUS_CHANGE")));
    assertThat(encode(new AuthResponse(Bin.hex("00 61 00 62")), ProtocolVersion.V4, 0))
        .isEqualTo(frame(4, 0, 0x0F, Bin.of().bytes("00610062")));
    assertThat(encode(new AuthResponse(null), ProtocolVersion.V4, 0))
        .isEqualTo(frame(4, 0, 0x0F, Bin.of().int_(-1)));
    assertThat(new AuthResponse(Bin.hex("00 61")).toString()).doesNotContain("61");
  }

  @Test
  void a_custom_payload_sets_its_flag_and_comes_first_in_the_body() {
    Map<String, ByteBuffer> payload = new LinkedHashMap<>();
    payload.put("k", ByteBuffer.wrap(Bin.hex("01")));
    ByteBuffer buf = FrameCodec.encode(new Query("q", QueryOptions.of(ConsistencyLevel.ONE)),
        ProtocolVersion.V4, 2, Frame.FLAG_TRACING, payload);
    Bin body = Bin.of().short_(1).string("k").bytes("01").longString("q").short_(1).byte_(0);
    byte[] b = body.array();
    assertThat(toHex(buf)).isEqualTo(toHex(Bin.of().byte_(4).byte_(0x06).short_(2).byte_(7)
        .int_(b.length).raw(b).buffer()));
    assertThatThrownBy(() -> FrameCodec.encode(new Options(), ProtocolVersion.V3, 0, 0, payload))
        .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("Custom payload");
  }

  @Test
  void the_stream_id_can_be_patched_after_encoding() {
    ByteBuffer buf = FrameCodec.encode(new Options(), ProtocolVersion.V4, 0, 0, null);
    FrameCodec.setStreamId(buf, 32767);
    assertThat(FrameCodec.streamIdOf(buf)).isEqualTo(32767);
    assertThat(toHex(buf)).isEqualTo("04 00 7f ff 05 00 00 00 00");
    FrameCodec.setStreamId(buf, -1);
    assertThat(FrameCodec.streamIdOf(buf)).isEqualTo(-1);
  }
}
