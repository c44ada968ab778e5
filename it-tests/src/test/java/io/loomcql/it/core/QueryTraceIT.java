package io.loomcql.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loomcql.ConsistencyLevel;
import io.loomcql.NoHostAvailableException;
import io.loomcql.UnavailableException;
import io.loomcql.cluster.Cluster;
import io.loomcql.cluster.ResultSet;
import io.loomcql.cluster.Session;
import io.loomcql.it.harness.RealCassandra;
import io.loomcql.it.harness.TestCluster;
import io.loomcql.it.support.Clusters;
import io.loomcql.query.QueryTrace;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.TraceEvent;
import io.loomcql.query.TraceUnavailableException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Query traces read back from the node's {@code system_traces}, and when they cannot be. */
@RealCassandra
class QueryTraceIT {

  private static final String QUERY = "SELECT * FROM it_traces.users WHERE id = 2";

  private static Cluster cluster;
  private static Session session;

  @BeforeAll
  static void schema(TestCluster cassandra) {
    cluster = Clusters.connectTo(cassandra);
    session = cluster.connect();
    session.execute("CREATE KEYSPACE IF NOT EXISTS it_traces WITH replication = "
        + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE IF NOT EXISTS it_traces.users (id int PRIMARY KEY, name text)");
  }

  @AfterAll
  static void close() {
    cluster.close();
  }

  @Test
  void a_traced_query_returns_what_the_node_recorded_of_it() {
    ResultSet rs = session.execute(new SimpleStatement(QUERY).setTracing(true));
    InetAddress coordinator = rs.coordinatorHost().getAddress();

    QueryTrace trace = rs.getQueryTrace(Duration.ofSeconds(10));
    System.out.println("trace: " + trace + "\n  events: " + trace.events());
    assertThat(trace.requestType()).isEqualTo("Execute CQL3 query");
    assertThat(trace.parameters()).containsEntry("query", QUERY);
    assertThat(trace.coordinator()).isEqualTo(coordinator);
    assertThat(trace.client()).isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(trace.duration()).isPositive();
    assertThat(trace.startedAt()).isNotNull();
    // The steps of a single-partition read on the one node, in the order they happened.
    assertThat(trace.events()).extracting(TraceEvent::description)
        .anySatisfy(d -> assertThat(d).startsWith("Parsing " + QUERY))
        .anySatisfy(d -> assertThat(d).contains("Executing single-partition query on users"));
    assertThat(trace.events()).allSatisfy(event -> {
      assertThat(event.source()).isEqualTo(coordinator);
      assertThat(event.threadName()).isNotBlank();
      assertThat(event.sourceElapsed().isNegative()).as("negative elapsed").isFalse();
      assertThat(event.eventId().version()).isEqualTo(1);
    });
    assertThat(trace.events()).extracting(TraceEvent::datetime)
        .isSortedAccordingTo(Comparator.naturalOrder());

    assertThat(session.execute(QUERY).getQueryTrace()).as("untraced").isNull();
  }

  @Test
  void a_trace_the_node_never_wrote_is_unavailable_once_the_wait_runs_out() {
    UUID never = UUID.randomUUID();
    QueryTrace trace = new QueryTrace(never, statement -> session.execute(statement).all());

    assertThatThrownBy(() -> trace.populate(Duration.ofMillis(300), true, null))
        .isInstanceOf(TraceUnavailableException.class)
        .hasMessage("Trace " + never + " was not complete within 300 ms");
  }

  @Test
  void a_trace_that_cannot_be_read_is_unavailable_with_the_reason() {
    ResultSet rs = session.execute(new SimpleStatement(QUERY).setTracing(true));
    UUID traceId = rs.getQueryTrace(Duration.ofSeconds(10)).traceId();
    // system_traces keeps 2 replicas; one node cannot answer at THREE.
    QueryTrace trace = new QueryTrace(traceId, statement -> session.execute(statement).all());

    assertThatThrownBy(() -> trace.populate(Duration.ofSeconds(10), true, ConsistencyLevel.THREE))
        .isInstanceOf(TraceUnavailableException.class)
        .hasMessageStartingWith("Could not read trace " + traceId)
        .hasMessageContaining("Cannot achieve consistency level THREE")
        // The node's Unavailable answer, after the retry policy tried the next (no other) host.
        .hasCauseInstanceOf(NoHostAvailableException.class)
        .satisfies(e -> assertThat(((NoHostAvailableException) e.getCause()).errors().values())
            .singleElement().isInstanceOf(UnavailableException.class));
    assertThatThrownBy(() -> rs.getQueryTrace(Duration.ofMillis(-1)))
        .isInstanceOf(TraceUnavailableException.class)
        .hasMessageContaining("negative wait");
  }
}
