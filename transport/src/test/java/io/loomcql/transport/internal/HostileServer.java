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
 * A raw-socket v4 server for hostile-input tests, on 127.0.0.1 and an ephemeral port. It completes
 * the handshake (OPTIONS, STARTUP) correctly and answers heartbeats until told otherwise; every
 * QUERY is handed to {@link #misbehaviour}, which writes whatever bytes it likes (or nothing) and
 * may close the socket. One platform thread per accepted socket; {@link #close} ends them all.
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

  HostileServer(Misbehaviour misbehaviour) throws IOException {
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
              out.write(frame(stream, 0x06, supported()));
            }
          }
          case 0x01 -> out.write(frame(stream, 0x02, new byte[0]));
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
    return ByteBuffer.allocate(9 + body.length).put(header(stream, opcode, body.length)).put(body)
        .array();
  }

  /** The 9-byte header of a v4 response frame announcing {@code length} body bytes. */
  static byte[] header(int stream, int opcode, int length) {
    return ByteBuffer.allocate(9).put((byte) 0x84).put((byte) 0).putShort((short) stream)
        .put((byte) opcode).putInt(length).array();
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
