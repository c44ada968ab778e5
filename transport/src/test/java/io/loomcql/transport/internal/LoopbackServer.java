package io.loomcql.transport.internal;

import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CQL server for transport tests, on 127.0.0.1 and an ephemeral port: it speaks just enough of
 * the protocol (v3 to v5, v5 segments included) to handshake and answer, and can be told to
 * misbehave: refuse a protocol version, never answer, answer late, or close connections.
 *
 * <p>Every QUERY is answered with a RESULT Set_keyspace carrying the query string back, so a
 * client can check that each response reached the request it belongs to.
 */
final class LoopbackServer implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final List<SocketChannel> clients = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
  final AtomicInteger queries = new AtomicInteger();
  volatile int maxVersion = 5;
  volatile boolean silent;
  volatile long answerDelayMillis;
  volatile int maxConcurrentSeen;
  private final AtomicInteger concurrent = new AtomicInteger();

  LoopbackServer() throws IOException {
    server = ServerSocketChannel.open(StandardProtocolFamily.INET);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    acceptor = Thread.ofPlatform().daemon(true).name("loopback-acceptor").start(this::acceptLoop);
  }

  InetSocketAddress address() throws IOException {
    return (InetSocketAddress) server.getLocalAddress();
  }

  List<Throwable> errors() {
    return List.copyOf(errors);
  }

  void closeClients() throws IOException {
    for (SocketChannel client : clients) {
      client.close();
    }
  }

  private void acceptLoop() {
    try {
      while (true) {
        SocketChannel client = server.accept();
        clients.add(client);
        Thread.ofPlatform().daemon(true).name("loopback-conn").start(() -> serve(client));
      }
    } catch (IOException closed) {
      // server closed
    }
  }

  private void serve(SocketChannel client) {
    try (client) {
      new ServerConnection(client).run();
    } catch (IOException closed) {
      // client went away
    } catch (Throwable t) {
      errors.add(t);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    closeClients();
  }

  /** One accepted connection, served by one thread, one request at a time. */
  private final class ServerConnection {
    private final SocketChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private SegmentDecoder segmentDecoder;
    private SegmentEncoder segmentEncoder;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

    ServerConnection(SocketChannel channel) {
      this.channel = channel;
    }

    void run() throws IOException {
      while (true) {
        readBuffer.clear();
        if (channel.read(readBuffer) < 0) {
          return;
        }
        readBuffer.flip();
        if (segmentDecoder != null) {
          List<ByteBuffer> payloads = new ArrayList<>();
          segmentDecoder.feed(readBuffer, p -> payloads.add(copy(p)));
          for (ByteBuffer payload : payloads) {
            pending.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
          }
        } else {
          pending.write(readBuffer.array(), 0, readBuffer.limit());
        }
        processFrames();
      }
    }

    private void processFrames() throws IOException {
      while (true) {
        byte[] bytes = pending.toByteArray();
        if (bytes.length < 9) {
          return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int length = buffer.getInt(5);
        if (bytes.length < 9 + length) {
          return;
        }
        int version = bytes[0] & 0x7F;
        int stream = buffer.getShort(2);
        int opcode = bytes[4];
        ByteBuffer body = ByteBuffer.wrap(bytes, 9, length).slice();
        pending.reset();
        pending.write(bytes, 9 + length, bytes.length - 9 - length);
        answer(version, stream, opcode, body);
      }
    }

    private void answer(int version, int stream, int opcode, ByteBuffer body) throws IOException {
      if (version > maxVersion) {
        send(
            maxVersion, stream, 0x00,
            error(0x000A, "Invalid or unsupported protocol version (" + version + "); supported versions are (3/v3, 4/v4)"));
        channel.close();
        return;
      }
      if (silent) {
        return;
      }
      switch (opcode) {
        case 0x05 -> send(version, stream, 0x06, supported());
        case 0x01 -> {
          send(version, stream, 0x02, new byte[0]);
          if (version >= 5) {
            segmentDecoder = new SegmentDecoder();
            segmentEncoder = new SegmentEncoder();
          }
        }
        case 0x07 -> {
          queries.incrementAndGet();
          int now = concurrent.incrementAndGet();
          maxConcurrentSeen = Math.max(maxConcurrentSeen, now);
          String query = readLongString(body);
          if (answerDelayMillis > 0) {
            sleep(answerDelayMillis);
          }
          concurrent.decrementAndGet();
          send(version, stream, 0x08, setKeyspace(query));
        }
        default -> send(version, stream, 0x00, error(0x000A, "unexpected opcode " + opcode));
      }
    }

    private void send(int version, int stream, int opcode, byte[] body) throws IOException {
      ByteBuffer frame = ByteBuffer.allocate(9 + body.length);
      frame.put((byte) (0x80 | version)).put((byte) 0).putShort((short) stream).put((byte) opcode)
          .putInt(body.length).put(body).flip();
      if (segmentEncoder != null) {
        List<ByteBuffer> out = new ArrayList<>();
        segmentEncoder.encode(List.of(frame), out::add);
        channel.write(out.toArray(ByteBuffer[]::new));
      } else {
        while (frame.hasRemaining()) {
          channel.write(frame);
        }
      }
    }
  }

  private static ByteBuffer copy(ByteBuffer payload) {
    ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
    copy.put(payload.duplicate()).flip();
    return copy;
  }

  private static String readLongString(ByteBuffer body) {
    int length = body.getInt();
    byte[] bytes = new byte[length];
    body.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] supported() {
    ByteBuffer out = ByteBuffer.allocate(256);
    out.putShort((short) 1);
    putString(out, "CQL_VERSION");
    out.putShort((short) 1);
    putString(out, "3.4.7");
    return java.util.Arrays.copyOf(out.array(), out.position());
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
