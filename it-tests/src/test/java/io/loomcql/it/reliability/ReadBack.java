package io.loomcql.it.reliability;

import io.loomcql.ConsistencyLevel;
import io.loomcql.cluster.Session;
import io.loomcql.policies.DefaultRetryPolicy;
import io.loomcql.policies.RetryDecision;
import io.loomcql.policies.RoutingInfo;
import io.loomcql.query.Row;
import io.loomcql.query.SimpleStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads back what a reliability test wrote, at QUORUM. Right after a node's death or freeze the
 * three nodes on two cores are busy catching up (hints, commit log replay, compaction) and a
 * replica can miss the server's read timeout; these reads are the test's judge, not its subject,
 * so they try again (up to {@value #READ_ATTEMPTS} times) where an application might give up.
 */
final class ReadBack {

  private static final int READ_ATTEMPTS = 5;

  private ReadBack() {}

  /** Every {@code k} (a bigint) of {@code table}. */
  static Set<Long> keys(Session session, String table) {
    Set<Long> keys = new HashSet<>();
    SimpleStatement scan = new SimpleStatement("SELECT k FROM " + table);
    scan.setConsistencyLevel(ConsistencyLevel.QUORUM)
        .setTimeout(Duration.ofSeconds(60))
        .setFetchSize(1000)
        .setRetryPolicy(new PatientReads());
    for (Row row : session.execute(scan)) {
      keys.add(row.getLong("k"));
    }
    return keys;
  }

  /** Whether an LWT's row {@code k} of {@code table} exists, by a SERIAL read (which settles it). */
  static boolean serialRowExists(Session session, String table, long k) {
    SimpleStatement read = new SimpleStatement("SELECT k FROM " + table + " WHERE k = " + k);
    read.setConsistencyLevel(ConsistencyLevel.SERIAL)
        .setTimeout(Duration.ofSeconds(10))
        .setRetryPolicy(new PatientReads());
    return session.execute(read).one() != null;
  }

  /** Read timeouts are tried again on the same node; everything else as the default policy decides. */
  private static final class PatientReads extends DefaultRetryPolicy {
    @Override
    public RetryDecision onReadTimeout(
        RoutingInfo statement, ConsistencyLevel consistency, int requiredResponses,
        int receivedResponses, boolean dataRetrieved, int retryNum) {
      return retryNum < READ_ATTEMPTS - 1
          ? RetryDecision.retrySameHost(consistency)
          : RetryDecision.RETHROW;
    }
  }
}
