package io.loomcql.cluster;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.auth.AuthProvider;
import io.loomcql.cluster.ConfigFile.Setter;
import io.loomcql.policies.AddressTranslator;
import io.loomcql.policies.ConvictionPolicy;
import io.loomcql.policies.DCAwareRoundRobinPolicy;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.LoadBalancingPolicy;
import io.loomcql.policies.ReconnectionPolicy;
import io.loomcql.policies.RetryPolicy;
import io.loomcql.policies.SpeculativeExecutionPolicy;
import io.loomcql.policies.TokenAwarePolicy;
import io.loomcql.query.RowFactory;
import io.loomcql.transport.Compression;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings a configuration file may carry, by their Python-driver names, and how each reaches
 * the {@link Cluster.Builder}.
 */
final class ConfigSettings {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigSettings.class);

  static final String ENV_CONTACT_POINTS = "LOOMCQL_CONTACT_POINTS";
  static final String ENV_PORT = "LOOMCQL_PORT";
  static final String ENV_LOCAL_DC = "LOOMCQL_LOCAL_DC";

  /**
   * The options of {@code ClusterConfig} a file cannot set, by their file names: live objects of
   * the application (an executor, a transport it may share, a TLS context, a logger) and socket
   * options, typed values a JSON file has no form for. Every other option is in {@link #all()}
   * (ClusterOptionsDefaultsTest checks both).
   */
  static final Set<String> CODE_ONLY =
      Set.of("callback_executor", "transport", "ssl_options", "socket_options", "request_logger");

  private ConfigSettings() {}

  static Map<String, Setter> all() {
    Map<String, Setter> all = ConfigFile.table();
    all.put("contact_points", (b, v) -> b.contactPoints(v.asTextList().toArray(String[]::new)));
    all.put("port", (b, v) -> b.port(v.asInt()));
    all.put("protocol_version", (b, v) -> b.protocolVersion(protocolVersion(v)));
    all.put("cql_version", (b, v) -> b.cqlVersion(v.asText()));
    all.put("connect_timeout", (b, v) -> b.connectTimeout(v.asDuration()));
    all.put("control_connection_timeout", (b, v) -> b.controlConnectionTimeout(v.asDuration()));
    all.put("max_schema_agreement_wait", (b, v) -> b.maxSchemaAgreementWait(v.asDuration()));
    all.put("schema_event_refresh_window", (b, v) -> b.schemaEventRefreshWindow(v.asDuration()));
    all.put(
        "topology_event_refresh_window", (b, v) -> b.topologyEventRefreshWindow(v.asDuration()));
    all.put("status_event_refresh_window", (b, v) -> b.statusEventRefreshWindow(v.asDuration()));
    all.put(
        "reconnection_policy", (b, v) -> b.reconnectionPolicy(v.asInstance(ReconnectionPolicy.class)));
    all.put("prepare_on_all_hosts", (b, v) -> b.prepareOnAllHosts(v.asBoolean()));
    all.put("reprepare_on_up", (b, v) -> b.reprepareOnUp(v.asBoolean()));
    all.put("metrics_enabled", (b, v) -> b.metricsEnabled(v.asBoolean()));
    all.put("auth_provider", (b, v) -> b.authProvider(v.asInstance(AuthProvider.class)));
    all.put(
        "timestamp_generator", (b, v) -> b.timestampGenerator(v.asInstance(LongSupplier.class)));
    all.put("connections_per_host", ConfigSettings::connectionsPerHost);
    all.put(
        "load_balancing_policy",
        (b, v) -> b.loadBalancingPolicy(v.asInstance(LoadBalancingPolicy.class)));
    all.put("default_retry_policy", (b, v) -> b.defaultRetryPolicy(v.asInstance(RetryPolicy.class)));
    all.put(
        "address_translator", (b, v) -> b.addressTranslator(v.asInstance(AddressTranslator.class)));
    all.put(
        "conviction_policy_factory",
        (b, v) -> {
          v.asInstance(ConvictionPolicy.class); // fail now, not at the first node
          b.convictionPolicyFactory(host -> v.asInstance(ConvictionPolicy.class));
        });
    all.put("execution_profiles", ConfigSettings::executionProfiles);
    all.put("schema_metadata_enabled", (b, v) -> b.schemaMetadataEnabled(v.asBoolean()));
    all.put("token_metadata_enabled", (b, v) -> b.tokenMetadataEnabled(v.asBoolean()));
    all.put("idle_heartbeat_interval", (b, v) -> b.idleHeartbeatInterval(v.asDuration()));
    all.put("idle_heartbeat_timeout", (b, v) -> b.idleHeartbeatTimeout(v.asDuration()));
    all.put("compression", (b, v) -> b.compression(compression(v)));
    return all;
  }

  /** The settings of one execution profile, by the Python driver's attribute names. */
  private static final List<String> PROFILE_KEYS =
      List.of(
          "load_balancing_policy", "retry_policy", "consistency_level", "serial_consistency_level",
          "request_timeout", "row_factory", "speculative_execution_policy");

  /** {@code {"name": {"consistency_level": "QUORUM", "request_timeout": 5, ...}, ...}}. */
  private static void executionProfiles(Cluster.Builder builder, ConfigFile.Value v) {
    if (!v.node().isObject()) {
      throw v.wrongType("an object of execution profiles by name");
    }
    for (Iterator<String> names = v.node().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      ConfigFile.Value settings = v.field(name);
      if (!settings.node().isObject()) {
        throw settings.wrongType("an object of profile settings");
      }
      ExecutionProfile.Builder profile = ExecutionProfile.builder();
      for (Iterator<String> keys = settings.node().fieldNames(); keys.hasNext(); ) {
        String given = keys.next();
        String key = ConfigFile.pythonName(given);
        ConfigFile.Value value = settings.field(given);
        switch (key) {
          case "load_balancing_policy" ->
              profile.loadBalancingPolicy(value.asInstance(LoadBalancingPolicy.class));
          case "retry_policy" -> profile.retryPolicy(value.asInstance(RetryPolicy.class));
          case "consistency_level" -> profile.consistencyLevel(value.asEnum(ConsistencyLevel.class));
          case "serial_consistency_level" ->
              profile.serialConsistencyLevel(value.asEnum(ConsistencyLevel.class));
          case "request_timeout" -> profile.requestTimeout(value.asDuration());
          case "row_factory" -> profile.rowFactory(rowFactory(value));
          case "speculative_execution_policy" ->
              profile.speculativeExecutionPolicy(value.asInstance(SpeculativeExecutionPolicy.class));
          default ->
              throw value.error(
                  "unknown profile setting \"" + given + "\"" + ConfigFile.nearest(key, PROFILE_KEYS));
        }
      }
      builder.executionProfile(name, profile.build());
    }
  }

  private static RowFactory<?> rowFactory(ConfigFile.Value v) {
    return switch (v.asText()) {
      case "tuple", "tuple_factory" -> RowFactory.tuple();
      case "named_tuple", "named_tuple_factory" -> RowFactory.namedTuple();
      case "dict", "dict_factory" -> RowFactory.dict();
      case "ordered_dict", "ordered_dict_factory" -> RowFactory.orderedDict();
      default ->
          throw v.error(
              "row_factory must be one of tuple, named_tuple, dict, ordered_dict, got \""
                  + v.asText() + "\"");
    };
  }

  /** {@code "lz4"}, {@code "snappy"}, {@code "auto"}, {@code "none"}, or the Python driver's true/false. */
  private static Compression compression(ConfigFile.Value v) {
    if (v.node().isBoolean()) {
      return v.asBoolean() ? Compression.AUTO : Compression.NONE;
    }
    return v.asEnum(Compression.class);
  }

  /**
   * Applies {@code LOOMCQL_CONTACT_POINTS} (comma-separated), {@code LOOMCQL_PORT} and {@code
   * LOOMCQL_LOCAL_DC} over whatever the code and the file set. The local datacenter configures
   * the default load-balancing policy; a policy given explicitly is the caller's to configure
   * (then the variable is ignored, with a warning).
   */
  static void applyEnvironment(
      Map<String, String> env, Cluster.Builder builder, boolean policyGiven) {
    String contactPoints = env.get(ENV_CONTACT_POINTS);
    if (contactPoints != null && !contactPoints.isBlank()) {
      builder.contactPoints(
          Arrays.stream(contactPoints.split(",")).map(String::strip).filter(p -> !p.isEmpty())
              .toArray(String[]::new));
    }
    String port = env.get(ENV_PORT);
    if (port != null && !port.isBlank()) {
      try {
        builder.port(Integer.parseInt(port.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(ENV_PORT + " must be a port number, got \"" + port + "\"");
      }
    }
    String localDc = env.get(ENV_LOCAL_DC);
    if (localDc != null && !localDc.isBlank()) {
      if (policyGiven) {
        LOG.warn(
            "{}={} is ignored: a load-balancing policy was given explicitly; set its local "
                + "datacenter there", ENV_LOCAL_DC, localDc);
      } else {
        builder.loadBalancingPolicy(new TokenAwarePolicy(new DCAwareRoundRobinPolicy(localDc.strip())));
      }
    }
  }

  /** {@code 4}, {@code "V4"} or {@code "v4"}. */
  private static ProtocolVersion protocolVersion(ConfigFile.Value v) {
    int number;
    if (v.node().isIntegralNumber()) {
      number = v.asInt();
    } else {
      String text = v.asText();
      try {
        number = Integer.parseInt(text.startsWith("v") || text.startsWith("V") ? text.substring(1) : text);
      } catch (NumberFormatException e) {
        throw v.wrongType("a protocol version (3, 4 or 5)");
      }
    }
    for (ProtocolVersion version : ProtocolVersion.values()) {
      if (version.code() == number) {
        return version;
      }
    }
    throw v.error("protocol version " + number + " is not supported (3, 4 or 5)");
  }

  /** {@code {"local": [core, max], "remote": [core, max]}}. */
  private static void connectionsPerHost(Cluster.Builder builder, ConfigFile.Value v) {
    if (!v.node().isObject()) {
      throw v.wrongType("an object like {\"local\": [1, 2], \"remote\": [1, 1]}");
    }
    for (Iterator<String> names = v.node().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      ConfigFile.Value sizes = v.field(name);
      HostDistance distance = sizes.asEnumKey(name, HostDistance.class);
      if (!sizes.node().isArray() || sizes.node().size() != 2) {
        throw sizes.wrongType("[core, max]");
      }
      builder.connectionsPerHost(
          distance,
          sizes.element(0, sizes.node().get(0)).asInt(),
          sizes.element(1, sizes.node().get(1)).asInt());
    }
  }
}
