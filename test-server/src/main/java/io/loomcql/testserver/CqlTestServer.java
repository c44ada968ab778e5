package io.loomcql.testserver;

import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.protocol.internal.Wire;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * A CQL server for tests, in the spirit of OkHttp's MockWebServer: it listens on a local address
 * (127.0.0.1 and an ephemeral port by default), answers the handshake and a driver's reads of the
 * system tables by itself, and answers every other request as scripted, recording what it
 * received.
 *
 * <p>How a request is answered, first match wins:
 *
 * <ol>
 *   <li>a protocol version above {@link #maxProtocolVersion} (or below 3): a protocol error, and
 *       the connection closes;
 *   <li>the rules added with {@link #when}, the most recent first (a rule's responder may return
 *       null to pass);
 *   <li>a statement (QUERY other than a system table read, EXECUTE, BATCH): the one-shot replies
 *       queued with {@link #answerNext}, in order;
 *   <li>the server's fallback responder, if built with one ({@link Builder#fallback});
 *   <li>the defaults: OPTIONS → SUPPORTED (CQL 3.4.7, the protocol versions, the compressions
 *       offered); STARTUP → READY, or AUTHENTICATE when built with credentials, then AUTH_RESPONSE
 *       → AUTH_SUCCESS or a bad-credentials error; REGISTER → READY; {@code SELECT ... FROM
 *       system...} → see {@link SystemTables}; PREPARE → PREPARED (id: the MD5 of the text; bind
 *       markers typed blob); EXECUTE of an unknown id → UNPREPARED; {@code USE ks} → Set_keyspace;
 *       other statements → {@link #answerAlways}'s reply (RESULT Void by default).
 * </ol>
 *
 * <p>Each accepted connection is served by its own platform thread; pipelined requests are
 * answered in one write per read. Compression (lz4, snappy) and v5 segments start after STARTUP,
 * as the client asked. Thread-safe: scripts may change while clients are connected.
 */
public final class CqlTestServer implements AutoCloseable {

  private final ServerSocket server;
  private final Thread acceptor;
  private final boolean recording;
  private final boolean reverse;
  private final Responder fallback;
  private final String[] credentials;
  final SystemTables systemTables;
  private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
  // Most recent first; replaced as a whole, read without allocating on every request.
  private final AtomicReference<Rule[]> rules = new AtomicReference<>(new Rule[0]);
  private final Queue<Responder> next = new ConcurrentLinkedQueue<>();
  private final Queue<RecordedRequest> recorded = new ConcurrentLinkedQueue<>();
  private final Queue<String> statements = new ConcurrentLinkedQueue<>();
  private final Map<String, String> prepared = new ConcurrentHashMap<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final LongAdder statementCount = new LongAdder();
  private final ScheduledExecutorService scheduler;
  final LongAdder reads = new LongAdder();
  final LongAdder segmentBytes = new LongAdder();
  final LongAdder segmentPayloadBytes = new LongAdder();
  final AtomicInteger delayedRepliesSent = new AtomicInteger();
  final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private volatile Responder byDefault;
  private volatile int maxProtocolVersion;
  private volatile List<String> compressionOffered;
  private volatile boolean refusing;
  private volatile boolean closed;

  private record Rule(Predicate<Request> match, Responder responder) {}

  private CqlTestServer(Builder b, ServerSocket server) {
    this.server = server;
    this.recording = b.recording;
    this.reverse = b.reverseBatches;
    this.fallback = b.fallback;
    this.credentials = b.credentials;
    this.maxProtocolVersion = b.maxProtocolVersion;
    this.compressionOffered = b.compression;
    List<InetAddress> all = b.cluster == null ? List.of(server.getInetAddress()) : b.cluster;
    this.systemTables = new SystemTables(b.cluster == null ? 0 : b.index, all, server.getLocalPort(),
        b.peersV2);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("cql-test-server-timer").factory());
    this.acceptor = Thread.ofPlatform().daemon().name("cql-test-server-accept-" + port())
        .start(this::accept);
  }

  /** A server on 127.0.0.1 and an ephemeral port, with the defaults. */
  public static CqlTestServer start() throws IOException {
    return builder().start();
  }

  /** A builder of a server. */
  public static Builder builder() {
    return new Builder();
  }

  /** A port nothing listens on right now (a server was bound to it and closed). */
  public static int unusedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** The address and port the server listens on. */
  public InetSocketAddress address() {
    try {
      // No host name: messages show the address as 127.0.0.1, never as a resolved name.
      return new InetSocketAddress(InetAddress.getByAddress(server.getInetAddress().getAddress()), port());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.getLocalPort();
  }

  // ---- scripting

  /**
   * Adds a rule: requests {@code match} accepts are answered by {@code responder} (unless it
   * returns null). Later rules are tried first.
   */
  public CqlTestServer when(Predicate<Request> match, Responder responder) {
    Rule rule = new Rule(match, responder);
    rules.updateAndGet(old -> {
      Rule[] grown = new Rule[old.length + 1];
      grown[0] = rule;
      System.arraycopy(old, 0, grown, 1, old.length);
      return grown;
    });
    return this;
  }

  /** Removes every rule and queued reply, and restores the default answer to statements. */
  public void clearScript() {
    rules.set(new Rule[0]);
    next.clear();
    byDefault = null;
  }

  /** Queues one-shot answers to the next statements, used in order before the default one. */
  public CqlTestServer answerNext(Responder... responders) {
    next.addAll(List.of(responders));
    return this;
  }

  /** The answer to every statement no rule or queued reply answers (RESULT Void by default). */
  public CqlTestServer answerAlways(Responder responder) {
    byDefault = responder;
    return this;
  }

  /** Requests of protocol versions above {@code version} get a protocol error (5 by default). */
  public void maxProtocolVersion(int version) {
    maxProtocolVersion = version;
  }

  /** The compressions SUPPORTED offers, for new handshakes. */
  public void compressionOffered(List<String> names) {
    compressionOffered = List.copyOf(names);
  }

  /** The rpc address {@code system.peers} gives for each peer (see {@link CqlTestCluster}). */
  public CqlTestServer announcePeersAs(UnaryOperator<InetAddress> rpcAddress) {
    systemTables.announcePeersAs(rpcAddress);
    return this;
  }

  /** Pushes an EVENT ({@link Events}) to every connection that sent REGISTER. */
  public void push(Reply event) {
    if (event.opcode() != Opcodes.EVENT) {
      throw new IllegalArgumentException("not an EVENT: " + event);
    }
    for (ServerConnection connection : connections) {
      if (connection.registered) {
        connection.push(event);
      }
    }
  }

  // ---- connections

  /** Closes every open client connection (the server keeps accepting new ones). */
  public void closeConnections() {
    connections.forEach(ServerConnection::close);
  }

  /**
   * Whether to close each new connection as soon as it is accepted, before the handshake (refused
   * connections are not counted as accepted).
   */
  public void refuseConnections(boolean refuse) {
    refusing = refuse;
  }

  /** Closes every open connection and refuses new ones from now on. */
  public void disconnectAndRefuse() {
    refuseConnections(true);
    closeConnections();
  }

  /** Client connections accepted so far (refused ones excluded). */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** Client connections open now. */
  public int openConnections() {
    return (int) connections.stream().filter(ServerConnection::isOpen).count();
  }

  // ---- what was received

  /** Every request received so far, in order per connection (empty when built not recording). */
  public List<RecordedRequest> requests() {
    return List.copyOf(recorded);
  }

  /** How many requests of {@code opcode} were received. */
  public int count(int opcode) {
    return (int) recorded.stream().filter(r -> r.opcode() == opcode).count();
  }

  /** How many statements (QUERY other than system reads, EXECUTE, BATCH) were received. */
  public int statementCount() {
    return statementCount.intValue();
  }

  /** The CQL texts of the statements received (EXECUTE: its prepared text, or "EXECUTE"). */
  public List<String> statements() {
    return List.copyOf(statements);
  }

  /** How many delayed replies ({@link Reply#delayed}) were written so far. */
  public int delayedRepliesSent() {
    return delayedRepliesSent.get();
  }

  /** Socket reads that returned data, on all connections. */
  public long reads() {
    return reads.sum();
  }

  /** v5: bytes of segments received, on all connections. */
  public long segmentBytesReceived() {
    return segmentBytes.sum();
  }

  /** v5: bytes of the payloads the segments received carried (decompressed). */
  public long segmentPayloadBytesReceived() {
    return segmentPayloadBytes.sum();
  }

  /** Unexpected failures on the server's threads (a closed socket is not one). */
  public List<Throwable> errors() {
    return List.copyOf(errors);
  }

  /** Forgets the counts, records and scripts. */
  public void reset() {
    clearScript();
    recorded.clear();
    statements.clear();
    statementCount.reset();
    segmentBytes.reset();
    segmentPayloadBytes.reset();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    closeConnections();
    scheduler.shutdownNow();
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "CqlTestServer(" + address().getAddress().getHostAddress() + ":" + port() + ")";
  }

  // ---- serving

  int highestProtocolVersion() {
    return maxProtocolVersion;
  }

  boolean reversesBatches() {
    return reverse;
  }

  String preparedQuery(byte[] id) {
    return prepared.get(Frames.hex(id));
  }

  void later(Duration delay, Runnable task) {
    scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  void connectionClosed(ServerConnection connection) {
    connections.remove(connection);
  }

  private void accept() {
    int ids = 0;
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return;
      }
      if (refusing) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // refused anyway
        }
        continue;
      }
      accepted.incrementAndGet();
      try {
        socket.setTcpNoDelay(true);
        ServerConnection connection = new ServerConnection(++ids, socket, this);
        connections.add(connection);
        Thread.ofPlatform().daemon().name("cql-test-server-conn-" + ids).start(connection::run);
      } catch (IOException e) {
        errors.add(e);
      }
    }
  }

  /** The reply to {@code request} (see the class comment for the order). */
  Reply replyTo(Request request, ServerConnection connection) {
    int version = request.version();
    if (version > maxProtocolVersion || version < 3) {
      return versionError(version);
    }
    int opcode = request.opcode();
    boolean statement = opcode == Opcodes.EXECUTE || opcode == Opcodes.BATCH
        || (opcode == Opcodes.QUERY && !request.isSystemSelect());
    if (recording) {
      RecordedRequest copy = request.record();
      recorded.add(copy);
      if (statement) {
        statements.add(copy.query() == null ? Frames.hex(copy.preparedId()) : copy.query());
      }
    }
    if (statement) {
      statementCount.increment();
    }
    for (Rule rule : rules.get()) { // an array: no iterator per request
      if (rule.match().test(request)) {
        Reply reply = rule.responder().answer(request);
        if (reply != null) {
          return reply;
        }
      }
    }
    if (statement) {
      Responder queued = next.poll();
      Reply reply = queued == null ? null : queued.answer(request);
      if (reply != null) {
        return reply;
      }
    }
    if (fallback != null && (statement || opcode == Opcodes.PREPARE)) {
      Reply reply = fallback.answer(request);
      if (reply != null) {
        return reply;
      }
    }
    return byDefault(request, statement);
  }

  private Reply byDefault(Request request, boolean statement) {
    return switch (request.opcode()) {
      case Opcodes.OPTIONS -> supported();
      case Opcodes.STARTUP -> credentials == null ? Reply.ready()
          : Reply.authenticate("org.apache.cassandra.auth.PasswordAuthenticator");
      case Opcodes.AUTH_RESPONSE -> authenticate(request);
      case Opcodes.REGISTER -> Reply.ready();
      case Opcodes.PREPARE -> prepare(request.version(), request.query());
      case Opcodes.EXECUTE -> preparedQuery(request.preparedId()) == null
          ? Reply.unprepared(request.preparedId()) : statementDefault(request);
      default -> {
        if (request.opcode() == Opcodes.QUERY && !statement) {
          yield systemTables.answer(request.query());
        }
        if (statement) {
          yield statementDefault(request);
        }
        yield Reply.error(0x000A, "test server: unexpected opcode 0x"
            + Integer.toHexString(request.opcode()));
      }
    };
  }

  private Reply statementDefault(Request request) {
    Responder responder = byDefault;
    if (responder != null) {
      return responder.answer(request);
    }
    if (request.opcode() == Opcodes.QUERY && request.queryStartsWith("USE ")) {
      return Reply.setKeyspace(request.query().substring(4).trim().replace("\"", "").replace(";", ""));
    }
    return Reply.voidResult();
  }

  private Reply prepare(int version, String query) {
    byte[] id = Prepares.md5(query);
    prepared.put(Frames.hex(id), query);
    return Prepares.prepared(version, query, id);
  }

  private Reply authenticate(Request request) {
    if (credentials == null) {
      return Reply.error(0x000A, "test server: no authentication was asked for");
    }
    byte[] token = Wire.readBytes(request.body());
    String expected = "\0" + credentials[0] + "\0" + credentials[1];
    if (token != null && new String(token, StandardCharsets.UTF_8).equals(expected)) {
      return Reply.authSuccess(null);
    }
    return Reply.error(0x0100, "Provided username " + credentials[0]
        + " and/or password are incorrect");
  }

  private Reply supported() {
    Map<String, List<String>> options = new LinkedHashMap<>();
    options.put("CQL_VERSION", List.of("3.4.7"));
    List<String> versions = new ArrayList<>();
    for (int v = 3; v <= maxProtocolVersion; v++) {
      versions.add(v + "/v" + v);
    }
    options.put("PROTOCOL_VERSIONS", versions);
    options.put("COMPRESSION", compressionOffered);
    return Reply.message(Opcodes.SUPPORTED, new BodyWriter().stringMultimap(options).toByteArray());
  }

  private Reply versionError(int version) {
    int max = maxProtocolVersion;
    StringBuilder supported = new StringBuilder();
    for (int v = 3; v <= max; v++) {
      supported.append(v == 3 ? "" : ", ").append(v).append("/v").append(v);
    }
    return Reply.error(0x000A, "Invalid or unsupported protocol version (" + version
        + "); supported versions are (" + supported + ")").thenClose();
  }

  /** Builds a {@link CqlTestServer}. */
  public static final class Builder {
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private SSLContext tls;
    private boolean recording = true;
    private boolean reverseBatches;
    private Responder fallback;
    private String[] credentials;
    private int maxProtocolVersion = 5;
    private List<String> compression = List.of("lz4", "snappy");
    private List<InetAddress> cluster;
    private int index;
    private boolean peersV2 = true;

    private Builder() {}

    /** The address to listen on (127.0.0.1 by default). */
    public Builder address(InetAddress address) {
      this.address = address;
      return this;
    }

    /** The port to listen on (0, the default: an ephemeral port). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Speaks TLS with {@code context}'s server socket factory. */
    public Builder tls(SSLContext context) {
      this.tls = context;
      return this;
    }

    /** Whether to record requests ({@link #requests()}); on by default, off for benchmarks. */
    public Builder recordRequests(boolean record) {
      this.recording = record;
      return this;
    }

    /** Writes each batch of answers in reverse order (to test out-of-order answers). */
    public Builder reverseBatches(boolean reverse) {
      this.reverseBatches = reverse;
      return this;
    }

    /** The responder for statements and PREPARE that no rule or queued reply answers. */
    public Builder fallback(Responder responder) {
      this.fallback = responder;
      return this;
    }

    /** Asks for PasswordAuthenticator credentials in the handshake. */
    public Builder credentials(String username, String password) {
      this.credentials = new String[] {username, password};
      return this;
    }

    /** The highest protocol version spoken (5 by default). */
    public Builder maxProtocolVersion(int version) {
      this.maxProtocolVersion = version;
      return this;
    }

    /** The compressions SUPPORTED offers (lz4 and snappy by default). */
    public Builder compression(List<String> names) {
      this.compression = List.copyOf(names);
      return this;
    }

    /**
     * Plays node {@code index} of a cluster whose nodes listen on {@code all}: its system tables
     * list the others as peers; {@code peersV2} says whether {@code system.peers_v2} exists.
     */
    public Builder node(int index, List<InetAddress> all, boolean peersV2) {
      this.index = index;
      this.cluster = List.copyOf(all);
      this.peersV2 = peersV2;
      return this;
    }

    /** Binds and starts accepting. */
    public CqlTestServer start() throws IOException {
      // Without TLS the sockets come from channels: a whole batch of answers then goes out in one
      // write call, where a plain socket's stream cuts it into 128 KiB writes.
      ServerSocket socket = tls == null ? ServerSocketChannel.open().socket()
          : tls.getServerSocketFactory().createServerSocket();
      try {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 1024);
      } catch (IOException e) {
        socket.close();
        throw e;
      }
      return new CqlTestServer(this, socket);
    }
  }
}
