package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CassandraYamlTest {

    @Test
    void minimal_yaml_has_what_cassandra_needs_and_the_features_tests_use() {
        String yaml = CassandraYaml.render(node(ClusterSpec.singleNode()));

        assertThat(yaml)
                .contains("cluster_name: 'test'")
                .contains("num_tokens: 16")
                .contains("listen_address: 127.0.0.1")
                .contains("native_transport_port: 19042")
                .contains("- seeds: \"127.0.0.1:17000\"")
                .contains("endpoint_snitch: SimpleSnitch")
                .contains("data_file_directories:\n  - /tmp/node1/data/data")
                .contains("auto_bootstrap: false")
                .contains("user_defined_functions_enabled: true")
                .contains("materialized_views_enabled: true")
                .contains("sasi_indexes_enabled: true");
    }

    @Test
    void a_key_the_test_sets_replaces_the_harness_value() {
        ClusterSpec spec = ClusterSpec.singleNode().withYaml(
                "materialized_views_enabled: false",
                "batch_size_warn_threshold: 5KiB",
                "client_encryption_options:\n  enabled: true");

        String yaml = CassandraYaml.render(node(spec));

        assertThat(yaml).contains("materialized_views_enabled: false")
                .doesNotContain("materialized_views_enabled: true")
                .contains("batch_size_warn_threshold: 5KiB")
                .contains("client_encryption_options:\n  enabled: true");
    }

    @Test
    void multi_dc_nodes_use_the_gossiping_snitch() {
        NodeSpec node = ClusterLayout.nodes(ClusterSpec.ofNodes(2).withDataCenters(2), 1, 0, Path.of("/tmp")).get(1);

        assertThat(CassandraYaml.render(node)).contains("endpoint_snitch: GossipingPropertyFileSnitch");
        assertThat(CassandraYaml.rackDcProperties(node)).isEqualTo("dc=dc2\nrack=rack1\n");
    }

    private static NodeSpec node(ClusterSpec spec) {
        NodeSpec laidOut = ClusterLayout.nodes(spec, 0, 0, Path.of("/tmp")).getFirst();
        return new NodeSpec("test", 1, laidOut.address(), laidOut.storagePort(), laidOut.nativePort(),
                laidOut.jmxPort(), laidOut.seeds(), laidOut.dataCenter(), laidOut.heap(), laidOut.extraYaml(),
                laidOut.systemProperties(), laidOut.directory());
    }
}
