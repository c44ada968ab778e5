package io.loomcql.it.fault;

import io.loomcql.it.fault.Answer.Wire;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * One node of a {@link FakeCluster}: a blocking server socket on its own loopback address, one
 * thread per connection, protocol v4 only. It answers the handshake (OPTIONS, STARTUP, REGISTER),
 * the control connection's reads of {@code system.local} and {@code system.peers} (and an Invalid
 * error for {@code system.peers_v2}, so the driver falls back), and every other QUERY or EXECUTE
 * with its scripted {@link Answer}: the queued one-shot answers first, then the default one.
 */
final class FakeNode implements AutoCloseable {

  private static final int ERROR = 0x00;
  private static final int STARTUP = 0x01;
  private static final int READY = 0x02;
  private static final int OPTIONS = 0x05;
  private static final int SUPPORTED = 0x06;
  private static final int QUERY = 0x07;
  private static final int RESULT = 0x08;
  private static final int PREPARE = 0x09;
  private static final int EXECUTE = 0x0A;
  private static final int REGISTER = 0x0B;
  private static final int BATCH = 0x0D;

  private static final int INT = 0x0009;
  private static final int UUID_TYPE = 0x000C;
  private static final int VARCHAR = 0x000D;
  private static final int INET = 0x0010;
  private static final int SET = 0x0022;

  static final UUID SCHEMA_VERSION = UUID.nameUUIDFromBytes("fake-schema".getBytes(StandardCharsets.UTF_8));

  private final int index;
  private final InetAddress address;
  private final List<InetAddress> all;
  private final ServerSocket server;
  private final Thread acceptor;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Queue<Answer> next = new ConcurrentLinkedQueue<>();
  private volatile Answer byDefault = Answer.ok();
  private volatile boolean refusing;
  private volatile UnaryOperator<InetAddress> announced = UnaryOperator.identity();
  private volatile boolean closed;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger delayedAnswersSent = new AtomicInteger();
  private final List<String> received = new CopyOnWriteArrayList<>();

  /** Binds {@code all.get(index)} on {@code port} (0: any) and starts accepting. */
  FakeNode(int index, List<InetAddress> all, int port) throws IOException {
    this.index = index;
    this.all = List.copyOf(all);
    this.address = all.get(index);
    ServerSocket s = new ServerSocket();
    try {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(address, port), 64);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    server = s;
    acceptor = Thread.ofPlatform().daemon().name("fake-node-" + (index + 1) + "-accept").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  InetAddress address() {
    return address;
  }

  InetSocketAddress endpoint() {
    return new InetSocketAddress(address, port());
  }

  /** The answer to every statement once the queued ones are used up. */
  FakeNode answerAlways(Answer answer) {
    byDefault = answer;
    return this;
  }

  /**
   * The rpc_address this node's {@code system.peers} gives for each peer, from the address the
   * peer listens on (the identity by default): a node behind a NAT announces an address the driver
   * cannot reach without an address translator.
   */
  FakeNode announcePeersAs(UnaryOperator<InetAddress> rpcAddress) {
    announced = rpcAddress;
    return this;
  }

  /** Queues one-shot answers, used in order before the default one. */
  FakeNode answerNext(Answer... answers) {
    next.addAll(List.of(answers));
    return this;
  }

  /** How many statements (QUERY other than system tables, EXECUTE, BATCH) this node received. */
  int requests() {
    return requests.get();
  }

  /** How many delayed answers ({@link Answer#delayed}) this node has written so far. */
  int delayedAnswersSent() {
    return delayedAnswersSent.get();
  }

  /** The texts of the statements received, in order. */
  List<String> received() {
    return List.copyOf(received);
  }

  /** Forgets the counts and scripts: every statement is answered with a void result. */
  void reset() {
    requests.set(0);
    received.clear();
    next.clear();
    byDefault = Answer.ok();
  }

  /**
   * Closes every open connection and, from now on, closes each new one as soon as it is accepted,
   * before the handshake: the driver can no longer write anything to this node.
   */
  void disconnectAndRefuse() {
    refusing = true;
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  /** Client connections accepted since the node started (refused ones excluded). */
  int acceptedConnections() {
    return accepted.get();
  }

  /** Open client connections. */
  int openConnections() {
    return (int) sockets.stream().filter(s -> !s.isClosed()).count();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "node" + (index + 1) + "(" + address.getHostAddress() + ")";
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return;
      }
      if (refusing) {
        closeQuietly(socket);
        continue;
      }
      sockets.add(socket);
      accepted.incrementAndGet();
      Thread.ofPlatform().daemon().name("fake-node-" + (index + 1) + "-conn").start(() -> serve(socket));
    }
  }

  private void serve(Socket socket) {
    ReentrantLock writeLock = new ReentrantLock();
    try (socket) {
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        int version = in.readUnsignedByte() & 0x7F;
        in.readUnsignedByte(); // flags: no compression, no tracing expected
        int stream = in.readShort();
        int opcode = in.readUnsignedByte();
        int length = in.readInt();
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
          throw new EOFException();
        }
        if (version != 4) {
          write(out, writeLock, stream, ERROR, new Wire().i32(0x000A)
              .string("Invalid or unsupported protocol version (" + version + "); supported versions are (4/v4)")
              .bytes());
          continue;
        }
        switch (opcode) {
          case OPTIONS -> write(out, writeLock, stream, SUPPORTED, supported());
          case STARTUP, REGISTER -> write(out, writeLock, stream, READY, new byte[0]);
          case QUERY -> {
            String query = new String(body, 4, ByteBuffer.wrap(body).getInt(0), StandardCharsets.UTF_8);
            byte[][] system = systemAnswer(query);
            if (system != null) {
              write(out, writeLock, stream, system[0][0], system[1]);
            } else if (!statement(socket, out, writeLock, stream, query)) {
              return;
            }
          }
          case EXECUTE, BATCH -> {
            if (!statement(socket, out, writeLock, stream, opcode == EXECUTE ? "EXECUTE" : "BATCH")) {
              return;
            }
          }
          case PREPARE -> write(out, writeLock, stream, ERROR,
              new Wire().i32(0x000A).string("fake node: PREPARE is not scripted").bytes());
          default -> write(out, writeLock, stream, ERROR,
              new Wire().i32(0x000A).string("fake node: unexpected opcode " + opcode).bytes());
        }
      }
    } catch (IOException e) {
      // the client or the test closed the connection
    } finally {
      sockets.remove(socket);
    }
  }

  /** Answers a scripted statement; false when the connection was closed on purpose. */
  private boolean statement(Socket socket, OutputStream out, ReentrantLock writeLock, int stream, String text)
      throws IOException {
    requests.incrementAndGet();
    received.add(text);
    Answer answer = next.poll();
    if (answer == null) {
      answer = byDefault;
    }
    switch (answer.kind()) {
      case VOID -> write(out, writeLock, stream, RESULT, voidResult());
      case ERROR -> write(out, writeLock, stream, ERROR, answer.errorBody());
      case DELAY_THEN_VOID -> {
        long millis = answer.delay().toMillis();
        Thread.ofVirtual().start(() -> {
          try {
            Thread.sleep(millis);
            write(out, writeLock, stream, RESULT, voidResult());
            delayedAnswersSent.incrementAndGet();
          } catch (InterruptedException | IOException e) {
            // the connection is gone; nothing to answer
          }
        });
      }
      case CLOSE -> {
        socket.close();
        return false;
      }
      case WRONG_STREAM_ID -> write(out, writeLock, Answer.UNUSED_STREAM, RESULT, voidResult());
      case UNKNOWN_OPCODE -> write(out, writeLock, stream, Answer.UNKNOWN_OPCODE, voidResult());
      case ABSURD_LENGTH -> {
        byte[] header = new Wire().u8(0x84).u8(0).u16(stream).u8(RESULT).i32(Integer.MAX_VALUE)
            .raw(new byte[64]).bytes();
        writeLock.lock();
        try {
          out.write(header);
          out.flush();
        } finally {
          writeLock.unlock();
        }
      }
    }
    return true;
  }

  private static void write(OutputStream out, ReentrantLock lock, int stream, int opcode, byte[] body)
      throws IOException {
    byte[] frame = new Wire().u8(0x84).u8(0).u16(stream).u8(opcode).i32(body.length).raw(body).bytes();
    lock.lock();
    try {
      out.write(frame);
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  private static byte[] voidResult() {
    return new Wire().i32(1).bytes();
  }

  private static byte[] supported() {
    return new Wire().u16(3)
        .string("CQL_VERSION").u16(1).string("3.4.7")
        .string("PROTOCOL_VERSIONS").u16(1).string("4/v4")
        .string("COMPRESSION").u16(0)
        .bytes();
  }

  /** {opcode, body} for a query on a system keyspace, or null for any other query. */
  private byte[][] systemAnswer(String query) {
    String q = query.toLowerCase(Locale.ROOT);
    int from = q.indexOf(" from ");
    if (from < 0) {
      return null;
    }
    String table = q.substring(from + 6).trim().split("[\\s;]+")[0];
    if (!table.startsWith("system")) {
      return null;
    }
    return switch (table) {
      case "system.local" -> new byte[][] {{RESULT}, localRows()};
      case "system.peers" -> new byte[][] {{RESULT}, peersRows()};
      case "system.peers_v2" -> new byte[][] {{ERROR},
          new Wire().i32(0x2200).string("unconfigured table peers_v2").bytes()};
      default -> new byte[][] {{RESULT}, new Wire().i32(2).i32(0).i32(0).i32(0).bytes()};
    };
  }

  private byte[] localRows() {
    Wire w = new Wire().i32(2).i32(0x0001).i32(14).string("system").string("local");
    column(w, "key", VARCHAR);
    column(w, "bootstrapped", VARCHAR);
    column(w, "broadcast_address", INET);
    column(w, "cluster_name", VARCHAR);
    column(w, "cql_version", VARCHAR);
    column(w, "data_center", VARCHAR);
    column(w, "host_id", UUID_TYPE);
    column(w, "listen_address", INET);
    column(w, "partitioner", VARCHAR);
    column(w, "rack", VARCHAR);
    column(w, "release_version", VARCHAR);
    column(w, "rpc_address", INET);
    column(w, "schema_version", UUID_TYPE);
    column(w, "tokens", SET).u16(VARCHAR);
    w.i32(1);
    byte[] ip = address.getAddress();
    w.bytesValue(text("local")).bytesValue(text("COMPLETED")).bytesValue(ip).bytesValue(text("fake"))
        .bytesValue(text("3.4.7")).bytesValue(text("datacenter1")).bytesValue(uuid(hostId(index)))
        .bytesValue(ip).bytesValue(text("org.apache.cassandra.dht.Murmur3Partitioner"))
        .bytesValue(text("rack1")).bytesValue(text("5.0.6")).bytesValue(ip)
        .bytesValue(uuid(SCHEMA_VERSION)).bytesValue(tokens(index));
    return w.bytes();
  }

  private byte[] peersRows() {
    Wire w = new Wire().i32(2).i32(0x0001).i32(9).string("system").string("peers");
    column(w, "peer", INET);
    column(w, "data_center", VARCHAR);
    column(w, "host_id", UUID_TYPE);
    column(w, "preferred_ip", INET);
    column(w, "rack", VARCHAR);
    column(w, "release_version", VARCHAR);
    column(w, "rpc_address", INET);
    column(w, "schema_version", UUID_TYPE);
    column(w, "tokens", SET).u16(VARCHAR);
    Wire rows = w.i32(all.size() - 1);
    for (int i = 0; i < all.size(); i++) {
      if (i == index) {
        continue;
      }
      byte[] ip = all.get(i).getAddress();
      byte[] rpc = announced.apply(all.get(i)).getAddress();
      rows.bytesValue(ip).bytesValue(text("datacenter1")).bytesValue(uuid(hostId(i))).bytesValue(null)
          .bytesValue(text("rack1")).bytesValue(text("5.0.6")).bytesValue(rpc)
          .bytesValue(uuid(SCHEMA_VERSION)).bytesValue(tokens(i));
    }
    return rows.bytes();
  }

  private static Wire column(Wire w, String name, int type) {
    return w.string(name).u16(type);
  }

  private static UUID hostId(int i) {
    return UUID.nameUUIDFromBytes(("fake-host-" + i).getBytes(StandardCharsets.UTF_8));
  }

  /** One token per node, spread over the Murmur3 ring. */
  private byte[] tokens(int i) {
    long token = Long.MIN_VALUE + i * (Long.MAX_VALUE / all.size()) * 2;
    return new Wire().i32(1).bytesValue(text(Long.toString(token))).bytes();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] uuid(UUID u) {
    return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
