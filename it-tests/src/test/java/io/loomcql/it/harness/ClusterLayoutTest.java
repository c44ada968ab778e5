package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterLayoutTest {

    private static final Path DIRECTORY = Path.of("/tmp/cluster");

    @Test
    void shared_single_node_uses_slot_zero_ports() {
        NodeSpec node = ClusterLayout.nodes(ClusterSpec.singleNode(), 0, 0, DIRECTORY).getFirst();

        assertThat(node.address()).isEqualTo("127.0.0.1");
        assertThat(node.storagePort()).isEqualTo(17000);
        assertThat(node.nativePort()).isEqualTo(19042);
        assertThat(node.heap()).isEqualTo("1g");
        assertThat(node.dataCenter()).isEmpty();
        assertThat(node.seeds()).containsExactly("127.0.0.1:17000");
    }

    @Test
    void three_nodes_in_slot_one_get_their_own_addresses_and_jmx_ports() {
        List<NodeSpec> nodes = ClusterLayout.nodes(ClusterSpec.ofNodes(3), 1, 0, DIRECTORY);

        assertThat(nodes).extracting(NodeSpec::address).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(nodes).extracting(NodeSpec::storagePort).containsOnly(17100);
        assertThat(nodes).extracting(NodeSpec::nativePort).containsOnly(19142);
        assertThat(nodes).extracting(NodeSpec::jmxPort).doesNotHaveDuplicates();
        assertThat(nodes).extracting(NodeSpec::heap).containsOnly("512m");
        assertThat(nodes.get(2).directory()).isEqualTo(DIRECTORY.resolve("node3"));
    }

    @Test
    void two_data_centers_put_the_first_half_in_dc1_with_a_seed_in_each() {
        List<NodeSpec> nodes = ClusterLayout.nodes(ClusterSpec.ofNodes(6).withDataCenters(2), 2, 0, DIRECTORY);

        assertThat(nodes).extracting(node -> node.dataCenter().orElseThrow())
                .containsExactly("dc1", "dc1", "dc1", "dc2", "dc2", "dc2");
        assertThat(nodes.getFirst().seeds()).containsExactly("127.0.0.1:17200", "127.0.0.4:17200");
    }

    @Test
    void uneven_data_centers_are_refused() {
        assertThatThrownBy(() -> ClusterSpec.ofNodes(3).withDataCenters(2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equal_options_make_equal_specs_whatever_the_property_order() {
        ClusterSpec first = ClusterSpec.singleNode().withSystemProperty("a", "1").withSystemProperty("b", "2");
        ClusterSpec second = ClusterSpec.singleNode().withSystemProperty("b", "2").withSystemProperty("a", "1");

        assertThat(first).isEqualTo(second);
        assertThat(first.isDefaultSingleNode()).isFalse();
        assertThat(ClusterSpec.singleNode().isDefaultSingleNode()).isTrue();
    }
}
