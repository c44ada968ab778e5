package io.loomcql.transport.internal;

import io.loomcql.BusyConnectionException;
import io.loomcql.ConnectionException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Frame;
import io.loomcql.protocol.internal.FrameCodec;
import io.loomcql.protocol.internal.FrameDecoder;
import io.loomcql.protocol.internal.Request;
import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to a Cassandra node, owned by one {@link EventLoop}.
 *
 * <p>Threads: callers encode their request on their own thread and append it to a lock-free
 * queue ({@link #send}); the first caller to find the connection idle asks the loop to flush it.
 * Everything else — stream ids, the in-flight table, socket reads and writes, framing — belongs
 * to the loop thread and is unsynchronised. The loop drains the whole queue into one gathering
 * write, so under load one syscall carries many requests.
 */
public final class Connection {

  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final int MAX_BUFFERS_PER_WRITE = 512;
  private static final int MAX_BYTES_PER_DRAIN = 512 * 1024;

  private final EventLoop loop;
  private final InetSocketAddress endpoint;
  private final ConnectionOptions options;
  private final ProtocolVersion version;
  private final CompletableFuture<Connection> ready = new CompletableFuture<>();
  private final CompletableFuture<Throwable> closed = new CompletableFuture<>();

  // Shared between callers and the loop.
  private final ConcurrentLinkedQueue<InFlightRequest> writeQueue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Throwable closedCause;
  private volatile String keyspace;

  // Loop thread only.
  private SocketChannel channel;
  private SelectionKey key;
  private Timeout connectTimeout;
  private final StreamIds streamIds;
  private final InFlightRequest[] inFlight;
  private final ArrayDeque<ByteBuffer> unflushed = new ArrayDeque<>();
  private ByteBuffer[] writeArray = new ByteBuffer[16];
  private final FrameDecoder frameDecoder;
  private SegmentDecoder segmentDecoder;
  private SegmentEncoder segmentEncoder;

  private Connection(EventLoop loop, InetSocketAddress endpoint, ConnectionOptions options) {
    this.loop = loop;
    this.endpoint = endpoint;
    this.options = options;
    this.version = options.protocolVersion();
    this.streamIds = new StreamIds(options.maxStreamIds());
    this.inFlight = new InFlightRequest[options.maxStreamIds()];
    this.frameDecoder = new FrameDecoder(options.maxFrameLength());
  }

  /**
   * Connects to {@code endpoint} and runs the handshake (OPTIONS, STARTUP, authentication). The
   * future completes when the connection is ready for requests, or fails within the connect
   * timeout with the cause ({@link ProtocolVersionRejectedException} if the node refused the
   * protocol version).
   */
  public static CompletableFuture<Connection> open(
      EventLoop loop, InetSocketAddress endpoint, ConnectionOptions options) {
    Connection connection = new Connection(loop, endpoint, options);
    loop.execute(connection::startConnect);
    return connection.ready;
  }

  public InetSocketAddress endpoint() {
    return endpoint;
  }

  public ProtocolVersion protocolVersion() {
    return version;
  }

  public EventLoop eventLoop() {
    return loop;
  }

  /** Requests queued or awaiting their response. */
  public int pendingRequests() {
    return pending.get();
  }

  public boolean isClosed() {
    return closedCause != null;
  }

  /** Completes with the cause once the connection is closed (for any reason). */
  public CompletableFuture<Throwable> closeFuture() {
    return closed;
  }

  /** The keyspace last set on this connection with USE, or null. */
  public String keyspace() {
    return keyspace;
  }

  public void keyspace(String keyspace) {
    this.keyspace = keyspace;
  }

  /**
   * Sends a request. Encodes it on the calling thread, queues it, and returns at once; the
   * callback is called with the response frame on the loop thread, or with the error (possibly on
   * the calling thread, when the connection is closed or too busy).
   */
  public InFlightRequest send(
      Request request, int flags, Map<String, ByteBuffer> customPayload, ResponseCallback callback) {
    if (closedCause != null) {
      callback.onFailure(closedError());
      return null;
    }
    if (pending.incrementAndGet() > options.maxQueuedRequests()) {
      pending.decrementAndGet();
      callback.onFailure(
          new BusyConnectionException(
              "Connection to " + endpoint + " has " + options.maxQueuedRequests()
                  + " requests queued or in flight",
              endpoint));
      return null;
    }
    ByteBuffer frame;
    try {
      frame = FrameCodec.encode(request, version, 0, flags, customPayload);
    } catch (RuntimeException e) {
      pending.decrementAndGet();
      throw e;
    }
    InFlightRequest inFlightRequest = new InFlightRequest(frame, callback);
    writeQueue.offer(inFlightRequest);
    if (closedCause != null && writeQueue.remove(inFlightRequest)) {
      // Closed while we queued: the loop will not see this request, so fail it here.
      pending.decrementAndGet();
      callback.onFailure(closedError());
      return inFlightRequest;
    }
    if (!flushScheduled.get() && flushScheduled.compareAndSet(false, true)) {
      loop.scheduleFlush(this);
    }
    return inFlightRequest;
  }

  /** Closes the connection; queued and in-flight requests fail with a ConnectionException. */
  public void close() {
    closeWith(new ConnectionException("Connection to " + endpoint + " was closed", endpoint));
  }

  /** Closes the connection because of {@code cause}, which in-flight requests fail with. */
  public void closeWith(Throwable cause) {
    if (closedCause != null) {
      return;
    }
    if (loop.inLoop()) {
      closeOnLoop(cause);
    } else {
      try {
        loop.execute(() -> closeOnLoop(cause));
      } catch (IllegalStateException loopGone) {
        // The loop shut down and closed (or will close) every connection it owned.
      }
    }
  }

  private ConnectionException closedError() {
    Throwable cause = closedCause;
    if (cause instanceof ConnectionException ce) {
      return ce;
    }
    return new ConnectionException(
        "Connection to " + endpoint + " is closed: " + cause, endpoint, cause);
  }

  // ---------------------------------------------------------------- loop thread from here on

  private void startConnect() {
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
      connectTimeout =
          loop.schedule(
              () ->
                  closeOnLoop(
                      new ConnectionException(
                          "Could not connect to " + endpoint + " within "
                              + options.connectTimeout().toMillis() + " ms",
                          endpoint)),
              options.connectTimeout().toNanos(),
              TimeUnit.NANOSECONDS);
      boolean connected = channel.connect(endpoint);
      key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
      if (connected) {
        onConnected();
      }
    } catch (IOException | RuntimeException e) {
      closeOnLoop(new ConnectionException("Could not connect to " + endpoint + ": " + e, endpoint, e));
    }
  }

  private void onConnected() {
    key.interestOps(SelectionKey.OP_READ);
    new Handshake(this, options, ready).start();
  }

  /** Called by the handshake once the server is ready for requests. */
  void handshakeDone() {
    if (connectTimeout != null) {
      connectTimeout.cancel();
    }
    ready.complete(this);
  }

  /**
   * From now on every byte in both directions travels in v5 segments. Called on the loop thread
   * right after the READY (or AUTHENTICATE) frame was read, before anything else is sent.
   */
  void switchToSegments() {
    segmentDecoder = new SegmentDecoder();
    segmentEncoder = new SegmentEncoder();
  }

  void onReady(SelectionKey readyKey) {
    try {
      if (!readyKey.isValid()) {
        return;
      }
      if (readyKey.isConnectable()) {
        if (channel.finishConnect()) {
          onConnected();
        }
        return;
      }
      if (readyKey.isReadable()) {
        read();
      }
      if (readyKey.isValid() && readyKey.isWritable()) {
        if (writeUnflushed()) {
          drainAndWrite();
        }
      }
    } catch (IOException e) {
      closeOnLoop(new ConnectionException("Connection to " + endpoint + " failed: " + e, endpoint, e));
    } catch (ProtocolException e) {
      LOG.warn("Closing connection to {}: {}", endpoint, e.getMessage());
      closeOnLoop(e);
    } catch (RuntimeException e) {
      LOG.error("Closing connection to {} after an unexpected error", endpoint, e);
      closeOnLoop(new ConnectionException("Connection to " + endpoint + " failed: " + e, endpoint, e));
    }
  }

  private void read() throws IOException {
    ByteBuffer buffer = loop.readBuffer();
    while (closedCause == null) {
      buffer.clear();
      int n = channel.read(buffer);
      if (n < 0) {
        closeOnLoop(new ConnectionException("Connection closed by " + endpoint, endpoint));
        return;
      }
      if (n == 0) {
        return;
      }
      buffer.flip();
      if (segmentDecoder != null) {
        segmentDecoder.feed(buffer, payload -> frameDecoder.feed(payload, this::onFrame));
      } else {
        frameDecoder.feed(buffer, this::onFrame);
      }
      if (n < buffer.capacity()) {
        return; // the socket is drained; do not starve the other connections of this loop
      }
    }
  }

  private void onFrame(Frame frame) {
    int id = frame.streamId();
    if (id < 0) {
      if (options.eventListener() != null) {
        options.eventListener().accept(frame);
      }
      return;
    }
    InFlightRequest request = id < inFlight.length ? inFlight[id] : null;
    if (request == null) {
      throw new ProtocolException(
          "Received a response on stream id " + id + " from " + endpoint
              + " but no request is in flight on it");
    }
    inFlight[id] = null;
    streamIds.release(id);
    pending.decrementAndGet();
    if (!request.isCancelled()) {
      try {
        request.callback.onResponse(frame);
      } catch (RuntimeException e) {
        LOG.error("Response callback for {} failed", endpoint, e);
      }
    }
    if (!writeQueue.isEmpty() && streamIds.inUse() == streamIds.max() - 1) {
      // Ids had run out: requests left waiting in the queue can go now.
      loop.scheduleFlush(this);
    }
  }

  /** Called by the loop when this connection was scheduled for a flush. */
  void flush() {
    flushScheduled.set(false);
    if (closedCause != null || channel == null || !channel.isConnected()) {
      if (closedCause != null) {
        failQueued();
      }
      return;
    }
    try {
      if (unflushed.isEmpty()) {
        drainAndWrite();
      }
    } catch (IOException e) {
      closeOnLoop(new ConnectionException("Write to " + endpoint + " failed: " + e, endpoint, e));
    }
  }

  /** Moves queued requests onto the wire until the queue is empty or the socket is full. */
  private void drainAndWrite() throws IOException {
    List<ByteBuffer> frames = loop.scratchFrames();
    while (true) {
      frames.clear();
      int bytes = 0;
      InFlightRequest request;
      while (bytes < MAX_BYTES_PER_DRAIN && (request = writeQueue.peek()) != null) {
        if (request.isCancelled()) {
          writeQueue.poll();
          pending.decrementAndGet();
          continue;
        }
        int id = streamIds.acquire();
        if (id < 0) {
          break; // all stream ids busy: the rest waits for responses
        }
        writeQueue.poll();
        request.streamId = id;
        inFlight[id] = request;
        FrameCodec.setStreamId(request.frame, id);
        frames.add(request.frame);
        bytes += request.frame.remaining();
      }
      if (frames.isEmpty()) {
        return;
      }
      if (segmentEncoder != null) {
        segmentEncoder.encode(frames, unflushed::add);
      } else {
        unflushed.addAll(frames);
      }
      if (!writeUnflushed()) {
        return; // socket full; OP_WRITE resumes
      }
    }
  }

  /** Writes buffered output; returns true when all of it went out. */
  private boolean writeUnflushed() throws IOException {
    while (!unflushed.isEmpty()) {
      int count = Math.min(unflushed.size(), MAX_BUFFERS_PER_WRITE);
      if (writeArray.length < count) {
        writeArray = new ByteBuffer[Math.max(count, writeArray.length * 2)];
      }
      int i = 0;
      for (ByteBuffer buffer : unflushed) {
        if (i == count) {
          break;
        }
        writeArray[i++] = buffer;
      }
      long written = channel.write(writeArray, 0, count);
      Arrays.fill(writeArray, 0, count, null);
      while (!unflushed.isEmpty() && !unflushed.peekFirst().hasRemaining()) {
        unflushed.pollFirst();
      }
      if (written == 0) {
        // The socket buffer is full: resume when the selector says it is writable.
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        return false;
      }
    }
    if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
      key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
    }
    return true;
  }

  void closeOnLoop(Throwable cause) {
    if (closedCause != null) {
      return;
    }
    closedCause = cause;
    if (connectTimeout != null) {
      connectTimeout.cancel();
    }
    if (key != null) {
      key.cancel();
    }
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("Closing the socket to {} failed", endpoint, e);
      }
    }
    ConnectionException error = closedError();
    for (int id = 0; id < inFlight.length; id++) {
      InFlightRequest request = inFlight[id];
      if (request != null) {
        inFlight[id] = null;
        pending.decrementAndGet();
        if (!request.isCancelled()) {
          notifyFailure(request, error);
        }
      }
    }
    failQueued();
    unflushed.clear();
    ready.completeExceptionally(cause);
    closed.complete(cause);
  }

  private void failQueued() {
    ConnectionException error = closedError();
    InFlightRequest request;
    while ((request = writeQueue.poll()) != null) {
      pending.decrementAndGet();
      if (!request.isCancelled()) {
        notifyFailure(request, error);
      }
    }
  }

  private void notifyFailure(InFlightRequest request, Throwable error) {
    try {
      request.callback.onFailure(error);
    } catch (RuntimeException e) {
      LOG.error("Failure callback for {} failed", endpoint, e);
    }
  }

  @Override
  public String toString() {
    return "Connection(" + endpoint + ", " + version + ")";
  }
}
