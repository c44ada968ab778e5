package io.loomcql.bench;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.ColumnSpec;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.Row;
import io.loomcql.query.internal.RowsPage;
import io.loomcql.wire.Frame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: B5's page decoded as the session does it: a ROWS body of 1,000 rows of b.wide (int, bigint,
 * 32-character text, uuid, 100-byte blob) decoded, then every cell of every row read by index
 * through the public {@link Row}. Time per page; divide by 1,000 for a row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RowDecodeBenchmark {

  static final int ROWS = 1000;

  private ByteBuffer body;

  @Setup
  public void setUp() {
    body = ByteBuffer.wrap(new StubResponses(64).wideBody(ROWS, false));
  }

  /** Decodes the page and reads its 5,000 cells; returns a sum so that nothing is optimized away. */
  @Benchmark
  public long decodeAndReadEveryCell() {
    Frame frame = new Frame(ProtocolVersion.V5, 0, 1, StubResponses.RESULT, body);
    Rows rows = (Rows) ResponseDecoder.decode(frame).response();
    List<ColumnDefinition> columns = new ArrayList<>(rows.columnCount());
    for (ColumnSpec spec : rows.metadata().columns()) {
      columns.add(new ColumnDefinition(spec.keyspace(), spec.table(), spec.name(), spec.type()));
    }
    RowsPage page = new RowsPage(new ColumnDefinitions(columns), rows, ProtocolVersion.V5);
    long sum = 0;
    for (Row row : page.asList()) {
      sum += row.getInt(0) + row.getLong(1) + row.getString(2).length()
          + row.getUuid(3).getLeastSignificantBits() + row.getBytes(4).remaining();
    }
    return sum;
  }
}
