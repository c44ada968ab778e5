package io.loomcql.it.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until nodes have seen each other come UP through gossip, read from their logs ("InetAddress
 * /127.0.0.3:17100 is now UP"). A node takes CQL clients before its peers know it: without this
 * wait a test could meet a cluster whose system.peers still lacks the node started last.
 */
final class GossipSightings {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /**
     * {@code observer} must log {@code subject} UP after {@code fromOffset} of its log, and not
     * DOWN after that UP.
     */
    record Sighting(CassandraNode observer, CassandraNode subject, long fromOffset) {

        boolean seen() {
            String text = observer.log().textFrom(fromOffset);
            String address = " /" + subject.address() + ":" + subject.spec().storagePort();
            return text.lastIndexOf(address + " is now UP") > text.lastIndexOf(address + " is now DOWN");
        }

        @Override
        public String toString() {
            return observer.spec().name() + " has not seen " + subject.spec().name() + " UP";
        }
    }

    private GossipSightings() {
    }

    /** Every node sees every other, counting from each one's current start (a new cluster). */
    static List<Sighting> allPairs(List<CassandraNode> nodes) {
        List<Sighting> sightings = new ArrayList<>();
        for (CassandraNode observer : nodes) {
            for (CassandraNode subject : nodes) {
                if (observer != subject) {
                    sightings.add(new Sighting(observer, subject, observer.log().startOffset()));
                }
            }
        }
        return sightings;
    }

    static void await(List<Sighting> sightings, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Sighting> pending = new ArrayList<>(sightings);
        while (true) {
            pending.removeIf(Sighting::seen);
            if (pending.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Gossip did not settle within " + timeout.toSeconds() + " s: "
                        + pending);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for gossip", e);
            }
        }
    }
}
