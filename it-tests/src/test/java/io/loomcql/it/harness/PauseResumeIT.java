package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SIGSTOP leaves the node's sockets open but nothing answers; SIGCONT brings the answers back. */
@RealCassandra
class PauseResumeIT {

    @Test
    void paused_node_does_not_answer_and_answers_again_after_resume(TestCluster cluster) throws Exception {
        TestNode node = cluster.node(1);
        InetSocketAddress contactPoint = node.contactPoint();
        node.pause();
        try {
            assertThat(OptionsProbe.ask(contactPoint, Duration.ofSeconds(1))).isEmpty();
        } finally {
            node.resume();
        }
        assertThat(OptionsProbe.ask(contactPoint, Duration.ofSeconds(10))).isPresent();
    }
}
