package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Two data centers of two nodes: dc1 on 127.0.0.1-2, dc2 on 127.0.0.3-4. Skipped with -Dloomcql.it.multinode=false. */
@RealCassandra(nodes = 4, dataCenters = 2)
@EnabledIfSystemProperty(named = "loomcql.it.multinode", matches = "true")
class TwoDataCenterHarnessIT {

    @Test
    void nodes_answer_and_know_their_data_center(TestCluster cluster) throws Exception {
        assertThat(cluster.localDataCenter()).isEqualTo("dc1");
        for (TestNode node : cluster.nodes()) {
            assertThat(OptionsProbe.ask(node.contactPoint(), Duration.ofSeconds(10))).as(node.toString()).isPresent();
        }
        assertThat(RawCql.query(cluster.node(4).contactPoint(), "SELECT data_center FROM system.local"))
                .containsExactly(List.of("dc2"));
        assertThat(RawCql.query(cluster.node(1).contactPoint(), "SELECT data_center FROM system.peers"))
                .containsExactlyInAnyOrder(List.of("dc1"), List.of("dc2"), List.of("dc2"));
    }
}
