package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@RealCassandra
class SingleNodeHarnessIT {

    @Test
    void shared_node_answers_options_with_supported(TestCluster cluster) throws Exception {
        OptionsProbe.Supported supported = OptionsProbe.ask(cluster.contactPoints().getFirst(), Duration.ofSeconds(10))
                .orElseThrow();

        assertThat(supported.version()).isEqualTo(OptionsProbe.RESPONSE_V4);
        assertThat(supported.opcode()).isEqualTo(OptionsProbe.OPCODE_SUPPORTED);
        assertThat(supported.options()).containsKey("CQL_VERSION");
        assertThat(supported.options().get("PROTOCOL_VERSIONS")).contains("5/v5");
    }

    @Test
    void shared_node_runs_cassandra_5_0_6(TestCluster cluster) throws Exception {
        assertThat(RawCql.query(cluster.contactPoints().getFirst(), "SELECT release_version, data_center FROM system.local"))
                .containsExactly(List.of("5.0.6", "datacenter1"));
    }

    @Test
    void shared_node_is_a_forked_single_node_on_the_harness_ports(TestCluster cluster) {
        assertThat(cluster.nodes()).hasSize(1);
        assertThat(cluster.localDataCenter()).isEqualTo("datacenter1");
        if (cluster instanceof CassandraCluster forked) {
            assertThat(cluster.port()).isEqualTo(ClusterLayout.portOffset() + ClusterLayout.BASE_NATIVE_PORT);
            assertThat(forked.node(1).address()).isEqualTo("127.0.0.1");
            assertThat(forked.node(1).isRunning()).isTrue();
            assertThat(SharedNodeObservations.firstPid(forked.node(1).pid())).isEqualTo(forked.node(1).pid());
        }
    }
}
