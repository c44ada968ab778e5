package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A second class asking for the plain single node gets the same JVM as the first, not a new one:
 * this class asks first and records the node's pid, its nested class (which JUnit runs after this
 * class's own tests) asks second.
 */
@RealCassandra
class SharedNodeReuseIT {

    /** The pid the enclosing class saw; 0 until its test ran. */
    private static final AtomicLong OUTER_PID = new AtomicLong();

    @Test
    void first_class_records_the_node_process(TestCluster cluster) {
        assumeTrue(cluster instanceof CassandraCluster, "pids are known for forked nodes only");
        long pid = ((CassandraCluster) cluster).node(1).pid();
        assertThat(pid).isPositive();
        OUTER_PID.set(pid);
        SharedNodeObservations.firstPid(pid);
    }

    @Test
    void same_cluster_object_within_and_across_parameters(TestCluster first, TestCluster second) {
        assertThat(first).isSameAs(second);
    }

    @Nested
    @RealCassandra
    class SecondClass {

        @Test
        void gets_the_same_node_process(TestCluster cluster) throws Exception {
            assumeTrue(cluster instanceof CassandraCluster, "pids are known for forked nodes only");
            long pid = ((CassandraCluster) cluster).node(1).pid();

            assertThat(OUTER_PID.get()).as("pid recorded by the enclosing class, which ran first").isPositive();
            assertThat(pid).isEqualTo(OUTER_PID.get());
            // And the same as every other class sharing the node saw, whichever ran first.
            assertThat(pid).isEqualTo(SharedNodeObservations.firstPid(pid));
            assertThat(OptionsProbe.ask(cluster.contactPoints().getFirst(), Duration.ofSeconds(10))).isPresent();
        }
    }
}
