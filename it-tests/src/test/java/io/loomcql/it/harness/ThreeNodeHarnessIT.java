package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A 3-node cluster on 127.0.0.1-3 (the one the other 3-node classes share): every node answers,
 * every peers table is complete, and a crashed node comes back on restart.
 */
@RealCassandra(nodes = 3)
class ThreeNodeHarnessIT {

    @Test
    void every_node_answers_on_its_own_address(TestCluster cluster) throws Exception {
        assertThat(cluster.contactPoints()).extracting(address -> address.getHostString())
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        for (TestNode node : cluster.nodes()) {
            assertThat(OptionsProbe.ask(node.contactPoint(), Duration.ofSeconds(10))).as(node.toString()).isPresent();
        }
        // One cluster, not three: the first node knows the other two.
        assertThat(RawCql.query(cluster.node(1).contactPoint(), "SELECT data_center FROM system.peers")).hasSize(2);
        for (TestNode node : cluster.nodes()) {
            assertThat(RawCql.query(node.contactPoint(), "SELECT host_id, data_center, rack, rpc_address, tokens FROM system.peers"))
                    .as("peers of %s", node)
                    .hasSize(2)
                    .allSatisfy(row -> assertThat(row).doesNotContainNull());
        }
    }

    @Test
    void killed_node_refuses_connections_and_comes_back_on_restart(TestCluster cluster) throws Exception {
        TestNode third = cluster.node(3);
        long pidBefore = ((CassandraNode) third).pid();

        third.kill();

        assertThat(third.isRunning()).isFalse();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket(third.address(), third.nativePort())) {
                socket.getInputStream();
            }
        }).isInstanceOf(IOException.class);
        assertThat(OptionsProbe.ask(cluster.node(1).contactPoint(), Duration.ofSeconds(10))).isPresent();

        third.restart();

        assertThat(third.isRunning()).isTrue();
        assertThat(((CassandraNode) third).pid()).isNotEqualTo(pidBefore);
        assertThat(OptionsProbe.ask(third.contactPoint(), Duration.ofSeconds(10))).isPresent();
    }
}
