package io.loomcql.bench;

import io.loomcql.ConsistencyLevel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * The floor ({@link FloorClient}) behind {@link DriverAdapter}, as a third "driver": what the same
 * closed-loop threads cost over one connection when a request is a frame encoded once. Each
 * statement's frame is encoded at its first execution, with that execution's values, the
 * client timestamp of that moment and the flags loomcql sends (values, page size, client
 * timestamp; skip-metadata for SELECTs); every later execution sends the same bytes. Blocking
 * closed-loop cases only ({@link #runs}): the floor has no async path, batches or row decoding.
 */
final class FloorAdapter implements DriverAdapter {

  static final String NAME = "floor";

  /** A statement and, once encoded, its frame. */
  private static final class Statement implements Handle {
    final String cql;
    final byte[] id;
    final byte[] resultMetadataId;
    volatile byte[] frame;

    Statement(String cql, byte[] id, byte[] resultMetadataId) {
      this.cql = cql;
      this.id = id;
      this.resultMetadataId = resultMetadataId;
    }
  }

  private FloorClient client;
  private int consistency;
  private int pageSize;

  /** Whether {@code driver} runs case {@code c}: every driver but the floor runs every case. */
  static boolean runs(String driver, CompareMain.Case c) {
    return !driver.equals(NAME)
        || (c.mode().equals("closed") && List.of("read", "write").contains(c.workload()) && c.extra().isEmpty()
            && c.concurrency() <= 32768);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "n/a";
  }

  @Override
  public void connect(Options o) {
    if (o.protocolVersion() != 5) {
      throw new IllegalArgumentException("The floor speaks protocol v5 only, not v" + o.protocolVersion());
    }
    consistency = ConsistencyLevel.valueOf(o.consistency().toUpperCase(Locale.ROOT)).code();
    pageSize = o.fetchSize();
    try {
      client = FloorClient.connect(o.host(), o.port());
    } catch (IOException e) {
      throw new UncheckedIOException("floor: cannot connect to " + o.host() + ":" + o.port(), e);
    }
  }

  @Override
  public String protocolVersion() {
    return "V5";
  }

  @Override
  public int effectiveConnections() {
    return 1;
  }

  @Override
  public Handle prepare(String cql) {
    byte[] cqlBytes = cql.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(4 + cqlBytes.length + 4).putInt(cqlBytes.length).put(cqlBytes).putInt(0);
    FloorClient.Slot answer = client.roundTrip(FloorClient.frame(FloorClient.PREPARE, body.array()), true);
    ByteBuffer prepared = ByteBuffer.wrap(answer.body);
    if (answer.opcode != FloorClient.RESULT || prepared.getInt() != 4) {
      throw new IllegalStateException("floor: PREPARE " + cql + " was not answered with PREPARED");
    }
    byte[] id = new byte[prepared.getShort()];
    prepared.get(id);
    byte[] resultMetadataId = new byte[prepared.getShort()];
    prepared.get(resultMetadataId);
    return new Statement(cql, id, resultMetadataId);
  }

  @Override
  public Handle simple(String cql) {
    return new Statement(cql, null, null);
  }

  @Override
  public int executeBlocking(Handle handle, Object... values) {
    Statement statement = (Statement) handle;
    byte[] frame = statement.frame;
    if (frame == null) {
      frame = encode(statement, values);
      statement.frame = frame; // two first executions may both encode: the same bytes
    }
    FloorClient.Slot answer = client.roundTrip(frame, false);
    if (answer.opcode != FloorClient.RESULT) {
      throw new IllegalStateException("floor: answered with opcode " + answer.opcode + ", not RESULT");
    }
    return answer.rows;
  }

  /** QUERY or EXECUTE with {@code values}: the frame every execution of the statement sends. */
  private byte[] encode(Statement s, Object[] values) {
    boolean select = s.cql.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream body = new DataOutputStream(bytes)) {
      if (s.id == null) {
        byte[] cql = s.cql.getBytes(StandardCharsets.UTF_8);
        body.writeInt(cql.length);
        body.write(cql);
      } else {
        body.writeShort(s.id.length);
        body.write(s.id);
        body.writeShort(s.resultMetadataId.length);
        body.write(s.resultMetadataId);
      }
      body.writeShort(consistency);
      int valuesFlag = values.length > 0 ? 0x01 : 0;
      int skipMetadata = select && s.id != null ? 0x02 : 0;
      body.writeInt(valuesFlag | skipMetadata | 0x04 /* page size */ | 0x20 /* timestamp */);
      if (values.length > 0) {
        body.writeShort(values.length);
        for (Object v : values) {
          byte[] value = value(v);
          body.writeInt(value.length);
          body.write(value);
        }
      }
      body.writeInt(pageSize);
      body.writeLong(System.currentTimeMillis() * 1000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return FloorClient.frame(s.id == null ? FloorClient.QUERY : FloorClient.EXECUTE, bytes.toByteArray());
  }

  private static byte[] value(Object v) {
    return switch (v) {
      case Long l -> ByteBuffer.allocate(8).putLong(l).array();
      case Integer i -> ByteBuffer.allocate(4).putInt(i).array();
      case String text -> text.getBytes(StandardCharsets.UTF_8);
      default -> throw new IllegalArgumentException("floor: no encoding for " + v.getClass().getName());
    };
  }

  @Override
  public CompletionStage<?> executeAsync(Handle handle, Object... values) {
    throw unsupported("executeAsync");
  }

  @Override
  public int executeBatchBlocking(Handle handle, Object[][] rows) {
    throw unsupported("batches");
  }

  @Override
  public CompletionStage<?> executeBatchAsync(Handle handle, Object[][] rows) {
    throw unsupported("batches");
  }

  @Override
  public int consume(Object result) {
    throw unsupported("async results");
  }

  private static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException("The floor runs blocking closed-loop reads and writes only, not " + what);
  }

  @Override
  public long[] transportCounters() {
    return client == null ? null : client.counters();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
