package io.loomcql.cluster;

import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.Row;
import io.loomcql.query.internal.RowsPage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows a statement returned, the Java form of the Python driver's {@code ResultSet}.
 * Iterating it pages transparently: when the current page is used up and the server has more, the
 * next page is fetched (blocking the iterating thread) — empty intermediate pages are skipped.
 * {@link #currentRows()} and {@link #fetchNextPage()} give manual control.
 *
 * <p>Not thread-safe: iterate it from one thread.
 */
public final class ResultSet implements Iterable<Row> {

  private final Session session;
  private final RequestHandler.Page page;
  private RowsPage rows;
  private ByteBuffer pagingState;
  private final List<String> warnings;

  ResultSet(Session session, RequestHandler.Page page) {
    this.session = session;
    this.page = page;
    this.rows = page.rows();
    this.pagingState = page.pagingState();
    this.warnings = page.warnings();
  }

  /** The rows of the current page (empty for statements that return none). */
  public List<Row> currentRows() {
    return rows == null ? List.of() : rows.asList();
  }

  /** Whether the server holds more pages after the current one. */
  public boolean hasMorePages() {
    return pagingState != null;
  }

  /**
   * The paging state after the current page, to resume later with
   * {@code session.execute(statement, pagingState)}; null on the last page.
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
      throw new io.loomcql.QueryExhaustedException("The result set has no more pages");
    }
    ResultSet next = session.fetchPage(page.statement(), page.request(), pagingState);
    this.rows = next.rows;
    this.pagingState = next.pagingState;
  }

  /** The first row of the current page, or null if it has none. */
  public Row one() {
    List<Row> current = currentRows();
    return current.isEmpty() ? null : current.get(0);
  }

  /** Every remaining row, fetching all further pages. */
  public List<Row> all() {
    List<Row> all = new ArrayList<>();
    for (Row row : this) {
      all.add(row);
    }
    return all;
  }

  /** The result's columns; empty for statements that return no rows. */
  public ColumnDefinitions columnDefinitions() {
    return rows == null ? new ColumnDefinitions(List.of()) : rows.columns();
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
    return page.schemaAgreed();
  }

  /** Warnings the server attached to the response (protocol v4+); empty if none. */
  public List<String> warnings() {
    return warnings;
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
