package io.loomcql.it.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the cassandra.yaml of one node: the smallest configuration that starts Cassandra 5.0
 * (names, ports, directories, the snitch and the seeds), the features some tests need and that
 * 5.0 leaves off, and the lines the test adds. A top-level key the test sets replaces the harness's own value for it, since
 * Cassandra's YAML loader does not accept a key twice.
 */
final class CassandraYaml {

    static final String SIMPLE_SNITCH = "SimpleSnitch";
    static final String DC_AWARE_SNITCH = "GossipingPropertyFileSnitch";

    private CassandraYaml() {
    }

    static String render(NodeSpec node) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("cluster_name", "cluster_name: '" + node.clusterName() + "'");
        entries.put("num_tokens", "num_tokens: 16");
        entries.put("partitioner", "partitioner: org.apache.cassandra.dht.Murmur3Partitioner");
        entries.put("commitlog_sync", "commitlog_sync: periodic");
        entries.put("commitlog_sync_period", "commitlog_sync_period: 10000ms");
        entries.put("seed_provider", """
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%s\"""".formatted(String.join(",", node.seeds())));
        entries.put("listen_address", "listen_address: " + node.address());
        entries.put("rpc_address", "rpc_address: " + node.address());
        entries.put("storage_port", "storage_port: " + node.storagePort());
        entries.put("native_transport_port", "native_transport_port: " + node.nativePort());
        entries.put("endpoint_snitch", "endpoint_snitch: "
                + (node.dataCenter().isPresent() ? DC_AWARE_SNITCH : SIMPLE_SNITCH));
        String data = node.dataDirectory().toString();
        entries.put("data_file_directories", "data_file_directories:\n  - " + data + "/data");
        entries.put("commitlog_directory", "commitlog_directory: " + data + "/commitlog");
        entries.put("saved_caches_directory", "saved_caches_directory: " + data + "/saved_caches");
        entries.put("hints_directory", "hints_directory: " + data + "/hints");
        entries.put("cdc_raw_directory", "cdc_raw_directory: " + data + "/cdc_raw");
        entries.put("start_native_transport", "start_native_transport: true");
        // Nodes of a test cluster all start empty; streaming data to them would only slow the start.
        entries.put("auto_bootstrap", "auto_bootstrap: false");
        entries.put("user_defined_functions_enabled", "user_defined_functions_enabled: true");
        entries.put("materialized_views_enabled", "materialized_views_enabled: true");
        entries.put("sasi_indexes_enabled", "sasi_indexes_enabled: true");

        topLevelKeys(node.extraYaml()).forEach(entries::remove);
        List<String> lines = new ArrayList<>(entries.values());
        lines.addAll(node.extraYaml());
        return String.join("\n", lines) + "\n";
    }

    /** For GossipingPropertyFileSnitch: the node's own data center and rack. */
    static String rackDcProperties(NodeSpec node) {
        return "dc=" + node.dataCenter().orElse("datacenter1") + "\nrack=rack1\n";
    }

    /** "authenticator: X" and "client_encryption_options:" are top-level; indented lines are not. */
    static Set<String> topLevelKeys(List<String> yamlLines) {
        return yamlLines.stream()
                .flatMap(line -> line.lines())
                .filter(line -> !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#"))
                .filter(line -> !line.startsWith("-") && line.contains(":"))
                .map(line -> line.substring(0, line.indexOf(':')).strip())
                .collect(Collectors.toSet());
    }
}
