package io.loomcql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

  @Test
  void no_host_available_lists_every_address_and_its_cause() {
    Map<InetSocketAddress, Throwable> errors = new LinkedHashMap<>();
    errors.put(new InetSocketAddress("127.0.0.1", 9042),
        new ConnectionException("Connection refused", null));
    errors.put(new InetSocketAddress("127.0.0.2", 9042), new OverloadedException("busy"));
    NoHostAvailableException e = new NoHostAvailableException("All hosts failed", errors);
    assertThat(e.getMessage())
        .startsWith("All hosts failed (tried: ")
        .contains("127.0.0.1:9042: ConnectionException: Connection refused")
        .contains("127.0.0.2:9042: OverloadedException: Error from server: code=1001");
    assertThat(e.errors()).hasSize(2);
    assertThat(new NoHostAvailableException("none", null).getMessage())
        .isEqualTo("none (no host was tried)");
  }

  @Test
  void server_exceptions_read_like_the_python_driver() {
    ServerException e = new WriteTimeoutException("timed out", ConsistencyLevel.QUORUM, 1, 2,
        "SIMPLE");
    assertThat(e.getMessage()).isEqualTo(
        "Error from server: code=1100 [Coordinator node timed out waiting for replica nodes'"
            + " responses] message=\"timed out\" info={'consistency': 'QUORUM',"
            + " 'required_responses': 2, 'received_responses': 1, 'write_type': 'SIMPLE'}");
    assertThat(e).isInstanceOf(TimeoutException.class).isInstanceOf(RequestExecutionException.class);
    assertThat(new AlreadyExistsException("m", "ks", "")).isInstanceOf(ConfigurationException.class)
        .isInstanceOf(RequestValidationException.class);
    assertThat(new SyntaxException("x")).isInstanceOf(RequestValidationException.class);
  }

  @Test
  void consistency_levels_and_protocol_versions_map_their_codes() {
    for (ConsistencyLevel cl : ConsistencyLevel.values()) {
      assertThat(ConsistencyLevel.fromCode(cl.code())).isSameAs(cl);
    }
    assertThat(ConsistencyLevel.LOCAL_SERIAL.isSerial()).isTrue();
    assertThat(ConsistencyLevel.QUORUM.isSerial()).isFalse();
    assertThatThrownBy(() -> ConsistencyLevel.fromCode(11)).isInstanceOf(ProtocolException.class);
    assertThat(ProtocolVersion.HIGHEST).isEqualTo(ProtocolVersion.V5);
    assertThat(ProtocolVersion.V5.lower()).isEqualTo(ProtocolVersion.V4);
    assertThat(ProtocolVersion.V3.lower()).isNull();
    assertThat(ProtocolVersion.V5.usesSegments()).isTrue();
    assertThat(ProtocolVersion.V4.usesIntQueryFlags()).isFalse();
    assertThat(ProtocolVersion.V4.isAtLeast(ProtocolVersion.V3)).isTrue();
    assertThatThrownBy(() -> ProtocolVersion.fromCode(6)).isInstanceOf(ProtocolException.class);
  }
}
