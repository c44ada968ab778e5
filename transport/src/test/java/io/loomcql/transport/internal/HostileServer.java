package io.loomcql.transport.internal;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket v4 (or v5) server for hostile-input tests, on 127.0.0.1 and an ephemeral port. It
 * completes the handshake (OPTIONS, STARTUP) correctly and answers heartbeats until told otherwise;
 * every QUERY is handed to {@link #misbehaviour}, which writes whatever bytes it likes (or nothing)
 * and may close the socket. In v5 mode, everything after READY travels in uncompressed segments
 * both ways: the server unpacks the client's, wraps its own heartbeat answers in well-formed ones,
 * and leaves the misbehaviour to write segments (or garbage) itself. One platform thread per
 * accepted socket; {@link #close} ends them all.
 */
final class HostileServer implements AutoCloseable {

  /** What the server does with one QUERY. */
  interface Misbehaviour {
    /**
     * @return false to end the connection (the socket is then closed)
     */
    boolean onQuery(int stream, String query, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  final AtomicInteger queries = new AtomicInteger();
  /** Once a connection misbehaved, whether it still answers heartbeats (OPTIONS). */
  volatile boolean answerHeartbeatsAfterwards = true;
  private final Misbehaviour misbehaviour;
  private final int version;

  HostileServer(Misbehaviour misbehaviour) throws IOException {
    this(4, misbehaviour);
  }

  /** A server speaking protocol {@code version} (4, or 5 for segments after READY). */
  HostileServer(int version, Misbehaviour misbehaviour) throws IOException {
    this.version = version;
    this.misbehaviour = misbehaviour;
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    acceptor = Thread.ofPlatform().daemon(true).name("hostile-acceptor").start(this::acceptLoop);
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getLocalPort());
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket client = server.accept();
        client.setTcpNoDelay(true);
        clients.add(client);
        threads.add(Thread.ofPlatform().daemon(true).name("hostile-conn").start(() -> serve(client)));
      }
    } catch (IOException closed) {
      // server closed
    }
  }

  private void serve(Socket client) {
    try (client) {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      boolean misbehaved = false;
      boolean segments = false;
      while (true) {
        byte[] header = new byte[9];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header);
        int stream = h.getShort(2);
        int opcode = header[4];
        byte[] body = new byte[h.getInt(5)];
        in.readFully(body);
        switch (opcode) {
          case 0x05 -> {
            if (!misbehaved || answerHeartbeatsAfterwards) {
              byte[] answer = frame(version, stream, 0x06, supported());
              out.write(segments ? segment(answer) : answer);
            }
          }
          case 0x01 -> {
            out.write(frame(version, stream, 0x02, new byte[0]));
            if (version >= 5) {
              segments = true;
              in = new DataInputStream(new SegmentInputStream(client.getInputStream()));
            }
          }
          case 0x07 -> {
            queries.incrementAndGet();
            ByteBuffer b = ByteBuffer.wrap(body);
            byte[] text = new byte[b.getInt()];
            b.get(text);
            misbehaved = true;
            if (!misbehaviour.onQuery(stream, new String(text, StandardCharsets.UTF_8), out)) {
              out.flush();
              return;
            }
          }
          default -> throw new IOException("unexpected opcode " + opcode);
        }
        out.flush();
      }
    } catch (EOFException | java.net.SocketException gone) {
      // the client closed the connection
    } catch (IOException e) {
      // ends this connection
    } finally {
      clients.remove(client);
    }
  }

  /** A v4 response frame. */
  static byte[] frame(int stream, int opcode, byte[] body) {
    return frame(4, stream, opcode, body);
  }

  /** A response frame of protocol {@code version}. */
  static byte[] frame(int version, int stream, int opcode, byte[] body) {
    return ByteBuffer.allocate(9 + body.length).put(header(version, stream, opcode, body.length))
        .put(body).array();
  }

  /** The 9-byte header of a v4 response frame announcing {@code length} body bytes. */
  static byte[] header(int stream, int opcode, int length) {
    return header(4, stream, opcode, length);
  }

  static byte[] header(int version, int stream, int opcode, int length) {
    return ByteBuffer.allocate(9).put((byte) (0x80 | version)).put((byte) 0).putShort((short) stream)
        .put((byte) opcode).putInt(length).array();
  }

  /** One well-formed, self-contained, uncompressed v5 segment carrying {@code payload}. */
  static byte[] segment(byte[] payload) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    new io.loomcql.protocol.internal.SegmentEncoder()
        .encode(
            List.of(ByteBuffer.wrap(payload)),
            part -> {
              byte[] bytes = new byte[part.remaining()];
              part.duplicate().get(bytes);
              out.writeBytes(bytes);
            });
    return out.toByteArray();
  }

  /**
   * The payload bytes of the uncompressed v5 segments read from {@code in}, one after the other
   * (the client is trusted here: CRCs are not checked).
   */
  private static final class SegmentInputStream extends java.io.InputStream {
    private final DataInputStream in;
    private byte[] payload = new byte[0];
    private int next;

    SegmentInputStream(java.io.InputStream in) {
      this.in = new DataInputStream(in);
    }

    @Override
    public int read() throws IOException {
      while (next == payload.length) {
        byte[] header = new byte[6];
        in.readFully(header);
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0x01) << 16;
        payload = new byte[length];
        in.readFully(payload);
        in.readFully(new byte[4]);
        next = 0;
      }
      return payload[next++] & 0xFF;
    }
  }

  private static byte[] supported() {
    byte[] key = "CQL_VERSION".getBytes(StandardCharsets.UTF_8);
    byte[] value = "3.4.7".getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(2 + 2 + key.length + 2 + 2 + value.length);
    out.putShort((short) 1).putShort((short) key.length).put(key);
    out.putShort((short) 1).putShort((short) value.length).put(value);
    return out.array();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket client : clients) {
      client.close();
    }
    try {
      acceptor.join(5000);
      for (Thread thread : threads) {
        thread.join(5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
