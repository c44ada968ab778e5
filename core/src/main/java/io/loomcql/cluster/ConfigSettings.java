package io.loomcql.cluster;

import io.loomcql.ProtocolVersion;
import io.loomcql.auth.AuthProvider;
import io.loomcql.cluster.ConfigFile.Setter;
import io.loomcql.policies.HostDistance;
import io.loomcql.policies.ReconnectionPolicy;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The settings a configuration file may carry, by their Python-driver names, and how each reaches
 * the {@link Cluster.Builder}.
 */
final class ConfigSettings {

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
    return all;
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
