package io.loomcql.transport.internal;

import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A CQL server for transport tests, on 127.0.0.1 and an ephemeral port, optionally over TLS. It
 * speaks just enough of the protocol (v3 to v5, v5 segments included) to handshake and answer,
 * pipelined: every frame of one read is answered in one write.
 *
 * <p>Every QUERY is answered with a RESULT Set_keyspace carrying the query string back, so a
 * client can check that each response reached its request. A query may ask for misbehaviour by
 * its text: {@code drop...} is never answered, {@code delay:<ms>:...} is answered after a pause,
 * {@code corrupt...} gets garbage instead of an answer, {@code cut...} gets half a frame and then
 * the socket closes. Fields switch on connection-wide misbehaviour: refuse protocol versions
 * above {@link #maxVersion}, stay {@link #silent}, answer each batch in reverse order
 * ({@link #reorder}), or close every accepted socket at once ({@link #refuse}).
 */
final class LoopbackServer implements AutoCloseable {

  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
  final AtomicInteger queries = new AtomicInteger();
  final AtomicInteger options = new AtomicInteger();
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger reads = new AtomicInteger();
  final List<String> startupCompression = new CopyOnWriteArrayList<>();
  volatile int maxVersion = 5;
  volatile boolean silent;
  volatile boolean reorder;
  volatile boolean refuse;
  volatile List<String> compressionOffered = List.of();

  LoopbackServer() throws IOException {
    this(null);
  }

  LoopbackServer(SSLContext tls) throws IOException {
    server =
        tls == null
            ? new ServerSocket()
            : tls.getServerSocketFactory().createServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    acceptor = Thread.ofPlatform().daemon(true).name("loopback-acceptor").start(this::acceptLoop);
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getLocalPort());
  }

  List<Throwable> errors() {
    return List.copyOf(errors);
  }

  void closeClients() throws IOException {
    for (Socket client : clients) {
      client.close();
    }
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket client = server.accept();
        accepted.incrementAndGet();
        if (refuse) {
          client.close();
          continue;
        }
        client.setTcpNoDelay(true);
        clients.add(client);
        Thread.ofPlatform().daemon(true).name("loopback-conn").start(() -> serve(client));
      }
    } catch (IOException closed) {
      // server closed
    }
  }

  private void serve(Socket client) {
    try (client) {
      new ServerConnection(client.getInputStream(), client.getOutputStream(), client).run();
    } catch (IOException closed) {
      // client went away (TLS handshake failures included)
    } catch (Throwable t) {
      errors.add(t);
    } finally {
      clients.remove(client);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    closeClients();
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One accepted connection, served by one thread. */
  private final class ServerConnection {
    private final InputStream in;
    private final OutputStream out;
    private final Socket socket;
    private byte[] pending = new byte[64 * 1024];
    private int pendingLength;
    private SegmentDecoder segmentDecoder;
    private SegmentEncoder segmentEncoder;
    private final List<ByteBuffer> answers = new ArrayList<>();

    ServerConnection(InputStream in, OutputStream out, Socket socket) {
      this.in = in;
      this.out = out;
      this.socket = socket;
    }

    void run() throws IOException {
      byte[] buffer = new byte[64 * 1024];
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        reads.incrementAndGet();
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        if (segmentDecoder != null) {
          segmentDecoder.feed(bytes, this::append);
        } else {
          append(bytes);
        }
        if (!processFrames()) {
          return;
        }
        flushAnswers();
      }
    }

    private void append(ByteBuffer bytes) {
      int n = bytes.remaining();
      if (pendingLength + n > pending.length) {
        pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
      }
      bytes.get(pending, pendingLength, n);
      pendingLength += n;
    }

    /** Answers every whole frame received; false when the connection must end. */
    private boolean processFrames() throws IOException {
      int offset = 0;
      boolean keepGoing = true;
      while (keepGoing && pendingLength - offset >= 9) {
        ByteBuffer header = ByteBuffer.wrap(pending, offset, 9);
        int length = header.getInt(offset + 5);
        if (pendingLength - offset < 9 + length) {
          break;
        }
        int version = pending[offset] & 0x7F;
        int stream = header.getShort(offset + 2);
        int opcode = pending[offset + 4];
        ByteBuffer body = ByteBuffer.wrap(Arrays.copyOfRange(pending, offset + 9, offset + 9 + length));
        offset += 9 + length;
        keepGoing = answer(version, stream, opcode, body);
      }
      System.arraycopy(pending, offset, pending, 0, pendingLength - offset);
      pendingLength -= offset;
      return keepGoing;
    }

    private boolean answer(int version, int stream, int opcode, ByteBuffer body) throws IOException {
      if (version > maxVersion) {
        queue(maxVersion, stream, 0x00,
            error(0x000A, "Invalid or unsupported protocol version (" + version
                + "); supported versions are (3/v3, 4/v4)"));
        flushAnswers();
        return false;
      }
      if (opcode == 0x05) {
        options.incrementAndGet();
      }
      if (silent) {
        return true;
      }
      switch (opcode) {
        case 0x05 -> queue(version, stream, 0x06, supported());
        case 0x01 -> {
          Map<String, String> startup = readStringMap(body);
          String compression = startup.get("COMPRESSION");
          startupCompression.add(compression == null ? "none" : compression);
          queue(version, stream, 0x02, new byte[0]);
          if (version >= 5) {
            flushAnswers();
            segmentDecoder = new SegmentDecoder();
            segmentEncoder = new SegmentEncoder();
          }
        }
        case 0x07 -> {
          queries.incrementAndGet();
          String query = readLongString(body);
          if (query.startsWith("drop")) {
            return true;
          }
          if (query.startsWith("corrupt")) {
            flushAnswers();
            write(List.of(ByteBuffer.wrap(new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f})));
            return true;
          }
          if (query.startsWith("cut")) {
            flushAnswers();
            ByteBuffer frame = frame(version, stream, 0x08, setKeyspace(query));
            frame.limit(frame.limit() / 2);
            out.write(frame.array(), 0, frame.limit());
            out.flush();
            socket.close();
            return false;
          }
          if (query.startsWith("big:")) {
            // A RESULT whose body is N bytes: a VOID kind, then bytes (i * 31) & 0xFF.
            queue(version, stream, 0x08, bigBody(Integer.parseInt(query.split(":")[1])));
            return true;
          }
          if (query.startsWith("delay:")) {
            flushAnswers();
            sleep(Long.parseLong(query.split(":")[1]));
          }
          queue(version, stream, 0x08, setKeyspace(query));
        }
        default -> queue(version, stream, 0x00, error(0x000A, "unexpected opcode " + opcode));
      }
      return true;
    }

    private void queue(int version, int stream, int opcode, byte[] body) {
      answers.add(frame(version, stream, opcode, body));
    }

    private void flushAnswers() throws IOException {
      if (answers.isEmpty()) {
        return;
      }
      List<ByteBuffer> frames = new ArrayList<>(answers);
      answers.clear();
      if (reorder) {
        java.util.Collections.reverse(frames);
      }
      if (segmentEncoder != null) {
        List<ByteBuffer> segments = new ArrayList<>();
        segmentEncoder.encode(frames, segments::add);
        write(segments);
      } else {
        write(frames);
      }
    }

    private void write(List<ByteBuffer> buffers) throws IOException {
      int total = 0;
      for (ByteBuffer b : buffers) {
        total += b.remaining();
      }
      byte[] all = new byte[total];
      int at = 0;
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        b.duplicate().get(all, at, n);
        at += n;
      }
      out.write(all);
      out.flush();
    }

    private byte[] supported() {
      Map<String, List<String>> options = new LinkedHashMap<>();
      options.put("CQL_VERSION", List.of("3.4.7"));
      if (!compressionOffered.isEmpty()) {
        options.put("COMPRESSION", compressionOffered);
      }
      ByteBuffer out = ByteBuffer.allocate(512);
      out.putShort((short) options.size());
      for (Map.Entry<String, List<String>> e : options.entrySet()) {
        putString(out, e.getKey());
        out.putShort((short) e.getValue().size());
        for (String v : e.getValue()) {
          putString(out, v);
        }
      }
      return Arrays.copyOf(out.array(), out.position());
    }
  }

  private static ByteBuffer frame(int version, int stream, int opcode, byte[] body) {
    ByteBuffer frame = ByteBuffer.allocate(9 + body.length);
    frame.put((byte) (0x80 | version)).put((byte) 0).putShort((short) stream).put((byte) opcode)
        .putInt(body.length).put(body).flip();
    return frame;
  }

  private static Map<String, String> readStringMap(ByteBuffer body) {
    Map<String, String> map = new LinkedHashMap<>();
    int n = body.getShort();
    for (int i = 0; i < n; i++) {
      map.put(readString(body), readString(body));
    }
    return map;
  }

  private static String readString(ByteBuffer body) {
    byte[] bytes = new byte[body.getShort() & 0xFFFF];
    body.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String readLongString(ByteBuffer body) {
    int length = body.getInt();
    byte[] bytes = new byte[length];
    body.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The body of the answer to {@code big:N}: the 4-byte VOID kind, then a pattern. */
  static byte[] bigBody(int length) {
    byte[] body = new byte[length];
    body[3] = 0x01;
    for (int i = 4; i < length; i++) {
      body[i] = (byte) (i * 31);
    }
    return body;
  }

  private static byte[] setKeyspace(String keyspace) {
    byte[] text = keyspace.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(4 + 2 + text.length);
    out.putInt(3).putShort((short) text.length).put(text);
    return out.array();
  }

  private static byte[] error(int code, String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(4 + 2 + text.length);
    out.putInt(code).putShort((short) text.length).put(text);
    return out.array();
  }

  private static void putString(ByteBuffer out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.putShort((short) bytes.length).put(bytes);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
