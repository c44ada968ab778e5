package io.loomcql.cluster;

import io.loomcql.QueryExhaustedException;
import io.loomcql.cluster.internal.request.RequestTemplate;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.QueryTrace;
import io.loomcql.query.Row;
import io.loomcql.query.RowFactory;
import io.loomcql.query.Statement;
import io.loomcql.query.internal.RowsPage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The rows a statement returned, the Java form of the Python driver's {@code ResultSet}.
 * Iterating it pages transparently: when the current page is used up and the server has more, the
 * next page is fetched (blocking the iterating thread) — empty intermediate pages are skipped.
 * {@link #currentRows()} and {@link #fetchNextPage()} give manual control.
 *
 * <p>Not thread-safe: iterate it from one thread.
 */
public final class ResultSet implements Iterable<Row> {

  private static final ColumnDefinitions NO_COLUMNS = new ColumnDefinitions(List.of());

  private final Session session;
  private final Statement statement;
  private final RequestTemplate request;
  private final boolean schemaAgreed;
  private final InetSocketAddress coordinator;
  // the first node tried, and a copy of all of them when there were more than one (else null)
  private final InetSocketAddress firstAttempted;
  private final List<InetSocketAddress> attempted;
  private RowsPage rows;
  private ByteBuffer pagingState;
  private final List<String> warnings;
  // the trace ids of the pages fetched so far; made on the first traced page
  private List<UUID> traceIds = List.of();
  private Map<String, ByteBuffer> customPayload;

  /**
   * A result page and what it takes to fetch the next one: the statement and how to build its
   * message.
   *
   * @param rows the page's rows, null for a statement that returns none
   * @param pagingState the paging state of the next page, null on the last one
   * @param tracingId the page's trace id, or null
   * @param coordinator the node that answered
   * @param firstAttempted the first node the request went to (null if none)
   * @param attempted every node it went to in order when more than one, else null
   */
  ResultSet(
      Session session, Statement statement, RequestTemplate request, RowsPage rows,
      ByteBuffer pagingState, List<String> warnings, boolean schemaAgreed, UUID tracingId,
      Map<String, ByteBuffer> customPayload, InetSocketAddress coordinator,
      InetSocketAddress firstAttempted, List<InetSocketAddress> attempted) {
    this.session = session;
    this.statement = statement;
    this.request = request;
    this.rows = rows;
    this.pagingState = pagingState;
    this.warnings = warnings;
    this.schemaAgreed = schemaAgreed;
    this.customPayload = customPayload;
    this.coordinator = coordinator;
    this.firstAttempted = firstAttempted;
    this.attempted = attempted;
    if (tracingId != null) {
      traceIds = new ArrayList<>(List.of(tracingId));
    }
  }

  /** {@return the rows of the current page (empty for statements that return none)} */
  public List<Row> currentRows() {
    return rows == null ? List.of() : rows.asList();
  }

  /** {@return whether the server holds more pages after the current one} */
  public boolean hasMorePages() {
    return pagingState != null;
  }

  /**
   * {@return the paging state after the current page, to resume later with
   * {@code session.execute(statement, pagingState)}; null on the last page}
   */
  public ByteBuffer pagingState() {
    return pagingState == null ? null : pagingState.asReadOnlyBuffer();
  }

  /**
   * Replaces the current page with the next one, blocking until it arrives.
   *
   * @throws io.loomcql.QueryExhaustedException if there is no next page
   */
  public void fetchNextPage() {
    if (pagingState == null) {
      throw new QueryExhaustedException("The result set has no more pages");
    }
    ResultSet next = session.fetchPage(statement, request, pagingState);
    this.rows = next.rows;
    this.pagingState = next.pagingState;
    this.customPayload = next.customPayload;
    if (!next.traceIds.isEmpty()) {
      if (traceIds.isEmpty()) {
        traceIds = new ArrayList<>();
      }
      traceIds.addAll(next.traceIds);
    }
  }

  /**
   * The next page as a result set of its own, leaving this one as it is (blocking until it
   * arrives).
   *
   * @throws io.loomcql.QueryExhaustedException if there is no next page
   */
  ResultSet followingPage() {
    if (pagingState == null) {
      throw new QueryExhaustedException("The result set has no more pages");
    }
    return session.fetchPage(statement, request, pagingState);
  }

  /** {@return the first row of the current page, or null if it has none} */
  public Row one() {
    List<Row> current = currentRows();
    return current.isEmpty() ? null : current.get(0);
  }

  /** {@return every remaining row, fetching all further pages} */
  public List<Row> all() {
    List<Row> all = new ArrayList<>();
    for (Row row : this) {
      all.add(row);
    }
    return all;
  }

  /** {@return the result's columns; empty for statements that return no rows} */
  public ColumnDefinitions columnDefinitions() {
    return rows == null ? NO_COLUMNS : rows.columns();
  }

  /**
   * For a conditional statement (IF ...): whether it was applied, from the {@code [applied]}
   * column of the single row it returns.
   *
   * @throws IllegalStateException if the result is not that of a conditional statement
   */
  public boolean wasApplied() {
    List<Row> current = currentRows();
    if (current.size() != 1 || columnDefinitions().indexOf("[applied]") < 0) {
      throw new IllegalStateException("This is not the result of a conditional statement");
    }
    return current.get(0).getBoolean("[applied]");
  }

  /**
   * For a schema change: whether all live nodes agreed on the new schema within
   * {@code maxSchemaAgreementWait}; true for every other statement.
   */
  public boolean isSchemaAgreed() {
    return schemaAgreed;
  }

  /**
   * The custom payload of the last response (protocol v4+), or null if the server sent none
   * (Cassandra echoes payloads only with a payload-aware query handler).
   */
  public Map<String, ByteBuffer> customPayload() {
    return customPayload;
  }

  /**
   * {@return the trace of the last page, or null if the statement was not traced} Waits up to 2 s.
   */
  public QueryTrace getQueryTrace() {
    return getQueryTrace(Duration.ofSeconds(2));
  }

  /**
   * The trace of the last page, read from system_traces waiting up to {@code maxWait} for the
   * server to complete it; null if the statement was not traced.
   *
   * @throws io.loomcql.query.TraceUnavailableException when it is not complete in time
   */
  public QueryTrace getQueryTrace(Duration maxWait) {
    if (traceIds.isEmpty()) {
      return null;
    }
    return trace(traceIds.get(traceIds.size() - 1), maxWait);
  }

  /** {@return the traces of every page fetched so far, each waited for up to {@code maxWaitPer}} */
  public List<QueryTrace> getAllQueryTraces(Duration maxWaitPer) {
    List<QueryTrace> traces = new ArrayList<>();
    for (UUID id : traceIds) {
      traces.add(trace(id, maxWaitPer));
    }
    return traces;
  }

  /** {@return the ids of the traces of every page fetched so far} */
  public List<UUID> queryTraceIds() {
    return List.copyOf(traceIds);
  }

  private QueryTrace trace(UUID id, Duration maxWait) {
    return new QueryTrace(id, statement -> session.execute(statement).all())
        .populate(maxWait, true, null);
  }

  /**
   * {@return the node that answered the request of the first page (Python: {@code
   * ResponseFuture.coordinator_host}); null for a result made up by a retry policy's IGNORE}
   */
  public InetSocketAddress coordinatorHost() {
    return coordinator;
  }

  /**
   * The nodes the first page's request was sent to, in order, retries and speculative executions
   * included (Python: {@code ResponseFuture.attempted_hosts}).
   */
  public List<InetSocketAddress> attemptedHosts() {
    if (attempted != null) {
      return attempted;
    }
    return firstAttempted == null ? List.of() : List.of(firstAttempted);
  }

  /**
   * {@return the row factory of the execution profile the statement ran with (default {@code
   * RowFactory.namedTuple()}); {@code resultSet.as(resultSet.rowFactory())} iterates the rows
   * through it}
   */
  public RowFactory<?> rowFactory() {
    return request.profile().rowFactory();
  }

  /** Warnings the server attached to the response (protocol v4+); empty if none. */
  public List<String> warnings() {
    return warnings;
  }

  /** {@return the current page's rows through {@code factory}} */
  public <T> List<T> currentRows(RowFactory<T> factory) {
    return currentRows().stream().map(factory::apply).toList();
  }

  /** {@return the first row of the current page through {@code factory}, or null} */
  public <T> T one(RowFactory<T> factory) {
    Row first = one();
    return first == null ? null : factory.apply(first);
  }

  /** {@return every remaining row through {@code factory}, fetching all further pages} */
  public <T> List<T> all(RowFactory<T> factory) {
    List<T> all = new ArrayList<>();
    for (Row row : this) {
      all.add(factory.apply(row));
    }
    return all;
  }

  /**
   * {@return the remaining rows of this and all following pages, through {@code factory}, paging as
   * it goes}
   */
  public <T> Iterable<T> as(RowFactory<T> factory) {
    return () -> {
      Iterator<Row> rows = iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public T next() {
          return factory.apply(rows.next());
        }
      };
    };
  }

  /** Iterates the remaining rows of this and all following pages. */
  @Override
  public Iterator<Row> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        while (rows == null || next >= rows.size()) {
          if (pagingState == null) {
            return false;
          }
          fetchNextPage();
          next = 0;
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return rows.asList().get(next++);
      }
    };
  }

  @Override
  public String toString() {
    return "ResultSet(" + currentRows().size() + " rows" + (hasMorePages() ? ", more pages" : "") + ")";
  }
}
