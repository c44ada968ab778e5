package io.loomcql.it.harness;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Waits until every given node's {@code system.peers} holds a complete row (host id, data center,
 * rack, rpc address, tokens) for each other node of the cluster. A node logs a peer "is now UP"
 * as soon as gossip reaches it, which can be before the peer's NORMAL status (and so its row) has
 * arrived; a driver connecting in that window sees one node fewer, as a test must not.
 */
final class PeerTables {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final String QUERY = "SELECT host_id, data_center, rack, rpc_address, tokens FROM system.peers";

    private PeerTables() {
    }

    /** Each of {@code observers} must list {@code clusterSize - 1} complete peers. */
    static void await(List<CassandraNode> observers, int clusterSize, Duration timeout) {
        if (clusterSize < 2) {
            return;
        }
        Instant deadline = Instant.now().plus(timeout);
        List<CassandraNode> pending = new ArrayList<>(observers);
        String lastProblem = "";
        while (true) {
            List<String> problems = new ArrayList<>();
            pending.removeIf(node -> {
                String problem = problem(node, clusterSize);
                if (problem != null) {
                    problems.add(problem);
                }
                return problem == null;
            });
            if (pending.isEmpty()) {
                return;
            }
            lastProblem = String.join("; ", problems);
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The peers tables did not fill within " + timeout.toSeconds() + " s: "
                        + lastProblem);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the peers tables", e);
            }
        }
    }

    private static String problem(CassandraNode node, int clusterSize) {
        try {
            List<List<String>> rows = RawCql.query(node.contactPoint(), QUERY);
            long complete = rows.stream().filter(row -> row.stream().allMatch(Objects::nonNull)).count();
            return complete >= clusterSize - 1
                    ? null
                    : node.spec().name() + " lists " + complete + " complete peer(s) of " + (clusterSize - 1);
        } catch (IOException e) {
            return node.spec().name() + " did not answer: " + e.getMessage();
        }
    }
}
