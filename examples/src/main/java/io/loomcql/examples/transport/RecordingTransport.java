package io.loomcql.examples.transport;

import io.loomcql.ProtocolVersion;
import io.loomcql.transport.TransportCounters;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.InFlightRequest;
import io.loomcql.transport.spi.ResponseCallback;
import io.loomcql.transport.spi.Timer;
import io.loomcql.transport.spi.TransportFactory;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * A transport written outside the driver against its SPI ({@code io.loomcql.transport.spi}) only:
 * it wraps another {@link TransportFactory} (say {@code Transports.nio(..)}), counts the requests
 * and responses of every connection by opcode, and fails requests on demand before they reach the
 * node (fault injection for tests of what an application does when a request fails).
 *
 * <pre>{@code
 * RecordingTransport transport = new RecordingTransport(Transports.nio("app"));
 * try (Cluster cluster = Cluster.builder().addContactPoint("127.0.0.1").transport(transport).build();
 *     Session session = cluster.connect()) {
 *   session.execute("SELECT release_version FROM system.local");
 *   long queries = transport.requests(RecordingTransport.QUERY);
 * }
 * transport.close(); // the cluster does not close a factory it was given
 * }</pre>
 *
 * <p>Only the requests the driver sends through {@link Connection#send} pass here: the handshake
 * of a connection (OPTIONS, STARTUP, AUTH_RESPONSE) is the wrapped transport's own business. The
 * wrapper costs one callback object per request.
 */
public final class RecordingTransport implements TransportFactory {

  /** The opcode of QUERY requests (section 2.4 of the native protocol specification). */
  public static final int QUERY = 0x07;
  /** The opcode of PREPARE requests. */
  public static final int PREPARE = 0x09;
  /** The opcode of EXECUTE requests. */
  public static final int EXECUTE = 0x0A;
  /** The opcode of RESULT responses. */
  public static final int RESULT = 0x08;
  /** The opcode of ERROR responses. */
  public static final int ERROR = 0x00;

  private final TransportFactory delegate;
  private final Map<Integer, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

  private record Fault(int opcode, Throwable error) {}

  /** Wraps {@code delegate}, which this transport closes when it is closed. */
  public RecordingTransport(TransportFactory delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** {@return how many requests with {@code opcode} the driver sent so far} */
  public long requests(int opcode) {
    LongAdder count = requests.get(opcode);
    return count == null ? 0 : count.sum();
  }

  /** {@return how many responses with {@code opcode} came back so far} */
  public long responses(int opcode) {
    LongAdder count = responses.get(opcode);
    return count == null ? 0 : count.sum();
  }

  /**
   * The next request with {@code opcode}, on any connection, fails with {@code error} instead of
   * being sent (its callback hears {@code error} on the sending thread).
   */
  public void failNext(int opcode, Throwable error) {
    faults.add(new Fault(opcode, Objects.requireNonNull(error, "error")));
  }

  @Override
  public CompletableFuture<Connection> open(InetSocketAddress endpoint, ConnectionOptions options) {
    return delegate.open(endpoint, options).thenApply(RecordingConnection::new);
  }

  @Override
  public TransportCounters counters() {
    return delegate.counters();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "recording(" + delegate + ")";
  }

  private static void count(Map<Integer, LongAdder> counts, int opcode) {
    counts.computeIfAbsent(opcode, k -> new LongAdder()).increment();
  }

  /** The driver's callback, with the response counted on its way. */
  private ResponseCallback countingCallback(ResponseCallback callback) {
    return new ResponseCallback() {
      @Override
      public void onResponse(Frame frame) {
        count(responses, frame.opcode());
        callback.onResponse(frame);
      }

      @Override
      public void onFailure(Throwable error) {
        callback.onFailure(error);
      }

      @Override
      public void onDeadline() {
        callback.onDeadline();
      }
    };
  }

  private Throwable takeFault(int opcode) {
    for (Fault fault : faults) {
      if (fault.opcode() == opcode && faults.remove(fault)) {
        return fault.error();
      }
    }
    return null;
  }

  /** A connection of the wrapped transport, seen through the recorder. */
  private final class RecordingConnection implements Connection {
    private final Connection delegate;

    RecordingConnection(Connection delegate) {
      this.delegate = delegate;
    }

    @Override
    public InFlightRequest send(
        Request request, int flags, Map<String, ByteBuffer> customPayload,
        ResponseCallback callback, long maxWaitNanos, long deadlineNanos) {
      count(requests, request.opcode());
      Throwable fault = takeFault(request.opcode());
      if (fault != null) {
        callback.onFailure(fault); // nothing was sent: the driver may try another node
        return null;
      }
      return delegate.send(
          request, flags, customPayload, countingCallback(callback), maxWaitNanos, deadlineNanos);
    }

    @Override
    public InetSocketAddress endpoint() {
      return delegate.endpoint();
    }

    @Override
    public ProtocolVersion protocolVersion() {
      return delegate.protocolVersion();
    }

    @Override
    public void close() {
      delegate.close();
    }

    @Override
    public void closeWith(Throwable cause) {
      delegate.closeWith(cause);
    }

    @Override
    public boolean isClosed() {
      return delegate.isClosed();
    }

    @Override
    public CompletableFuture<Throwable> closeFuture() {
      return delegate.closeFuture();
    }

    @Override
    public int pendingRequests() {
      return delegate.pendingRequests();
    }

    @Override
    public String keyspace() {
      return delegate.keyspace();
    }

    @Override
    public void keyspace(String keyspace) {
      delegate.keyspace(keyspace);
    }

    @Override
    public Timer timer() {
      return delegate.timer();
    }

    @Override
    public String compression() {
      return delegate.compression();
    }

    @Override
    public String toString() {
      return "recording(" + delegate + ")";
    }
  }
}
