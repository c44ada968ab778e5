package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A second class asking for the plain single node gets the same JVM as the first, not a new one. */
@RealCassandra
class SharedNodeReuseIT {

    @Test
    void second_class_gets_the_same_node_process(TestCluster cluster) throws Exception {
        assumeTrue(cluster instanceof CassandraCluster, "pids are known for forked nodes only");
        long pid = ((CassandraCluster) cluster).node(1).pid();

        assertThat(SharedNodeObservations.firstPid(pid)).isEqualTo(pid);
        assertThat(OptionsProbe.ask(cluster.contactPoints().getFirst(), Duration.ofSeconds(10))).isPresent();
    }

    @Test
    void same_cluster_object_within_and_across_parameters(TestCluster first, TestCluster second) {
        assertThat(first).isSameAs(second);
    }
}
