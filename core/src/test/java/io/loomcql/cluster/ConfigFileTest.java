package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ProtocolVersion;
import io.loomcql.auth.PlainTextAuthProvider;
import io.loomcql.policies.ConstantReconnectionPolicy;
import io.loomcql.policies.ConstantSpeculativeExecutionPolicy;
import io.loomcql.policies.ExponentialReconnectionPolicy;
import io.loomcql.policies.FallthroughRetryPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir Path dir;

  private Cluster build(String json) throws IOException {
    return build(json, Set.of(), Cluster.builder());
  }

  private Cluster build(String json, Set<String> setInCode, Cluster.Builder builder)
      throws IOException {
    Path file = Files.writeString(dir.resolve("loomcql.json"), json);
    ConfigFile.read(file, ConfigSettings.all()).applyTo(builder, setInCode::contains);
    return builder.build();
  }

  @Test
  void seed_names_and_camel_case_reach_the_builder() throws IOException {
    try (Cluster cluster =
        build(
            """
            {
              "contact_points": ["127.0.0.2", "127.0.0.3"],
              "port": 19042,
              "protocol_version": 4,
              "connectTimeout": 1.5,
              "control_connection_timeout": "500ms",
              "max_schema_agreement_wait": "PT3S",
              "prepare_on_all_hosts": false,
              "auth_provider": {"class": "PlainTextAuthProvider", "args": ["cassandra", "secret"]},
              "reconnection_policy": {"class": "ConstantReconnectionPolicy", "args": ["2s"]}
            }
            """)) {
      assertThat(cluster.contactPoints()).containsExactly("127.0.0.2", "127.0.0.3");
      assertThat(cluster.port()).isEqualTo(19042);
      assertThat(cluster.protocolVersion()).isEqualTo(ProtocolVersion.V4);
      assertThat(cluster.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(cluster.controlConnectionTimeout()).isEqualTo(Duration.ofMillis(500));
      assertThat(cluster.maxSchemaAgreementWait()).isEqualTo(Duration.ofSeconds(3));
      assertThat(cluster.prepareOnAllHosts()).isFalse();
      // The arguments reached the constructors, in order.
      assertThat(cluster.authProvider()).isInstanceOfSatisfying(PlainTextAuthProvider.class,
          auth -> assertThat(new String(
                  auth.newAuthenticator(new InetSocketAddress("127.0.0.2", 19042), "x").initialResponse(),
                  StandardCharsets.UTF_8))
              .isEqualTo("\0cassandra\0secret"));
      assertThat(cluster.reconnectionPolicy()).isInstanceOfSatisfying(ConstantReconnectionPolicy.class,
          policy -> assertThat(policy.delay()).isEqualTo(Duration.ofSeconds(2)));
    }
  }

  @Test
  void values_set_in_code_win_over_the_file() throws IOException {
    try (Cluster cluster =
        build(
            "{\"port\": 19042, \"connect_timeout\": 9}",
            Set.of("port"),
            Cluster.builder().port(9142))) {
      assertThat(cluster.port()).isEqualTo(9142);
      assertThat(cluster.connectTimeout()).isEqualTo(Duration.ofSeconds(9));
    }
  }

  @Test
  void nested_policy_arguments_and_class_names_with_packages() throws IOException {
    try (Cluster cluster =
        build(
            """
            {"reconnection_policy": {"class": "io.loomcql.policies.ExponentialReconnectionPolicy",
                                     "args": [0.5, 60, null]}}
            """)) {
      assertThat(cluster.reconnectionPolicy()).isInstanceOfSatisfying(ExponentialReconnectionPolicy.class,
          policy -> {
            assertThat(policy.baseDelay()).isEqualTo(Duration.ofMillis(500));
            assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(60));
            assertThat(policy.maxAttempts()).isNull();
          });
    }
  }

  @Test
  void an_unknown_key_names_its_path_and_the_nearest_valid_key() {
    assertThatThrownBy(() -> build("{\"conect_timeout\": 5}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loomcql.json")
        .hasMessageContaining("$.conect_timeout")
        .hasMessageContaining("did you mean \"connect_timeout\"");
  }

  @Test
  void a_value_of_the_wrong_type_names_the_key_and_what_was_expected() {
    assertThatThrownBy(() -> build("{\"port\": \"nine\"}"))
        .hasMessageContaining("$.port")
        .hasMessageContaining("expected an integer, got string \"nine\"");
    assertThatThrownBy(() -> build("{\"connect_timeout\": true}"))
        .hasMessageContaining("$.connect_timeout")
        .hasMessageContaining("expected a duration");
    assertThatThrownBy(() -> build("{\"connections_per_host\": {\"locall\": [1, 2]}}"))
        .hasMessageContaining("$.connections_per_host.locall")
        .hasMessageContaining("did you mean \"local\"");
  }

  @Test
  void builder_validation_errors_carry_the_path() {
    assertThatThrownBy(() -> build("{\"port\": 70000}"))
        .hasMessageContaining("$.port")
        .hasMessageContaining("between 1 and 65535");
  }

  @Test
  void a_wrong_policy_class_is_named() {
    assertThatThrownBy(() -> build("{\"reconnection_policy\": \"RoundRobinPolicy\"}"))
        .hasMessageContaining("$.reconnection_policy")
        .hasMessageContaining("is not a ReconnectionPolicy");
    assertThatThrownBy(() -> build("{\"reconnection_policy\": \"NoSuchPolicy\"}"))
        .hasMessageContaining("no class NoSuchPolicy");
    assertThatThrownBy(
            () -> build("{\"reconnection_policy\": {\"class\": \"ConstantReconnectionPolicy\", \"args\": [1, 2, 3]}}"))
        .hasMessageContaining("no public constructor of ConstantReconnectionPolicy takes these 3 argument(s)");
  }

  @Test
  void invalid_json_says_where() {
    assertThatThrownBy(() -> build("{\"port\": 9042 \"cql_version\": \"3.4.7\"}"))
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 1");
  }

  @Test
  void seed_names_from_camel_case() {
    assertThat(ConfigFile.pythonName("idleHeartbeatInterval")).isEqualTo("idle_heartbeat_interval");
    assertThat(ConfigFile.pythonName("idle_heartbeat_interval")).isEqualTo("idle_heartbeat_interval");
    assertThat(ConfigFile.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void the_builder_reads_the_file_at_build_and_code_wins() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("cluster.json"),
            """
            {"port": 19042, "idle_heartbeat_interval": 12, "compression": "snappy",
             "execution_profiles": {
               "analytics": {"consistency_level": "QUORUM", "request_timeout": "30s",
                             "row_factory": "dict",
                             "retry_policy": "FallthroughRetryPolicy",
                             "speculative_execution_policy":
                               {"class": "ConstantSpeculativeExecutionPolicy", "args": ["50ms", 2]}}}}
            """);
    try (Cluster cluster = Cluster.builder().config(file).port(9142).build(Map.of())) {
      assertThat(cluster.port()).isEqualTo(9142);
      ExecutionProfile analytics = cluster.executionProfile("analytics");
      assertThat(analytics.consistencyLevel()).isEqualTo(io.loomcql.ConsistencyLevel.QUORUM);
      assertThat(analytics.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(analytics.retryPolicy()).isInstanceOf(FallthroughRetryPolicy.class);
      assertThat(analytics.speculativeExecutionPolicy())
          .isInstanceOfSatisfying(ConstantSpeculativeExecutionPolicy.class, policy -> {
            assertThat(policy.delay()).isEqualTo(Duration.ofMillis(50));
            assertThat(policy.maxAttempts()).isEqualTo(2);
          });
    }
  }

  @Test
  void environment_variables_override_code_and_file() throws IOException {
    Path file = Files.writeString(dir.resolve("cluster.json"), "{\"port\": 19042}");
    try (Cluster cluster =
        Cluster.builder()
            .config(file)
            .contactPoints("127.0.0.5")
            .build(
                Map.of(
                    "LOOMCQL_CONTACT_POINTS", "127.0.0.2, 127.0.0.3",
                    "LOOMCQL_PORT", "19142",
                    "LOOMCQL_LOCAL_DC", "dc2"))) {
      assertThat(cluster.contactPoints()).containsExactly("127.0.0.2", "127.0.0.3");
      assertThat(cluster.port()).isEqualTo(19142);
      io.loomcql.policies.LoadBalancingPolicy policy =
          cluster.executionProfile(Cluster.EXEC_PROFILE_DEFAULT).loadBalancingPolicy();
      assertThat(policy).isInstanceOf(io.loomcql.policies.TokenAwarePolicy.class);
      assertThat(((io.loomcql.policies.TokenAwarePolicy) policy).child())
          .isInstanceOfSatisfying(
              io.loomcql.policies.DCAwareRoundRobinPolicy.class,
              dcAware -> assertThat(dcAware.localDc()).isEqualTo("dc2"));
    }
  }

  @Test
  void a_bad_environment_port_is_named() {
    assertThatThrownBy(() -> Cluster.builder().build(Map.of("LOOMCQL_PORT", "x")))
        .hasMessageContaining("LOOMCQL_PORT");
  }

  @Test
  void an_unknown_profile_setting_names_its_path() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("cluster.json"),
            "{\"execution_profiles\": {\"olap\": {\"consistency\": \"ONE\"}}}");
    assertThatThrownBy(() -> Cluster.builder().config(file).build(Map.of()))
        .hasMessageContaining("$.execution_profiles.olap.consistency")
        .hasMessageContaining("did you mean \"consistency_level\"");
  }

  @Test
  void the_documented_example_file_builds() {
    Path example = Path.of("..", "examples", "loomcql.json");
    try (Cluster cluster = Cluster.builder().config(example).build(Map.of())) {
      assertThat(cluster.port()).isEqualTo(9042);
      assertThat(cluster.executionProfile("analytics").requestTimeout()).isEqualTo(Duration.ofMinutes(1));
      assertThat(cluster.executionProfile(Cluster.EXEC_PROFILE_DEFAULT).consistencyLevel())
          .isEqualTo(io.loomcql.ConsistencyLevel.LOCAL_ONE);
    }
  }
}
