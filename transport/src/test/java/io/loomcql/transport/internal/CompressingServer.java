package io.loomcql.transport.internal;

import io.loomcql.protocol.internal.Compressor;
import io.loomcql.protocol.internal.Lz4Compressor;
import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import io.loomcql.wire.Frame;
import java.io.ByteArrayOutputStream;
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
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CQL server for compression tests, on 127.0.0.1 and an ephemeral port: it offers {@link
 * #offered} in SUPPORTED and then speaks what the client chose the way Cassandra does (v3/v4:
 * compressed bodies flagged 0x01 both ways, empty bodies plain; v5: LZ4 segments after READY). It
 * answers each QUERY with a RESULT Set_keyspace carrying the query string back; a query starting
 * with {@code garbage} gets a flagged frame whose body is not valid for the algorithm. Queries
 * longer than {@link #ECHO_LIMIT} bytes get their first {@link #ECHO_LIMIT} bytes back (a [string]
 * holds at most 65535).
 */
final class CompressingServer implements AutoCloseable {

  static final int ECHO_LIMIT = 65_000;

  private final ServerSocket server;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
  final List<String> startupCompression = new CopyOnWriteArrayList<>();
  /** Request frames received with the COMPRESSED flag (v3/v4). */
  final AtomicInteger compressedFrames = new AtomicInteger();
  /** v5: bytes of segments received, and of the payloads they carried once decompressed. */
  final AtomicLong segmentBytes = new AtomicLong();
  final AtomicLong payloadBytes = new AtomicLong();
  volatile List<String> offered = List.of("snappy", "lz4");

  CompressingServer() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    Thread.ofPlatform().daemon(true).name("compressing-acceptor").start(this::acceptLoop);
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getLocalPort());
  }

  List<Throwable> errors() {
    return List.copyOf(errors);
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket client = server.accept();
        client.setTcpNoDelay(true);
        clients.add(client);
        Thread.ofPlatform().daemon(true).name("compressing-conn").start(() -> serve(client));
      }
    } catch (IOException closed) {
      // server closed
    }
  }

  private void serve(Socket client) {
    try (client) {
      new ServerConnection(client.getInputStream(), client.getOutputStream()).run();
    } catch (IOException closed) {
      // client went away
    } catch (Throwable t) {
      errors.add(t);
    } finally {
      clients.remove(client);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket client : clients) {
      client.close();
    }
  }

  private final class ServerConnection {
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Compressor compressor;
    private SegmentDecoder segmentDecoder;
    private SegmentEncoder segmentEncoder;

    ServerConnection(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    void run() throws IOException {
      byte[] buffer = new byte[64 * 1024];
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        if (segmentDecoder != null) {
          segmentBytes.addAndGet(n);
          segmentDecoder.feed(bytes, payload -> {
            payloadBytes.addAndGet(payload.remaining());
            append(payload);
          });
        } else {
          append(bytes);
        }
        processFrames();
      }
    }

    private void append(ByteBuffer bytes) {
      byte[] a = new byte[bytes.remaining()];
      bytes.get(a);
      pending.writeBytes(a);
    }

    private void processFrames() throws IOException {
      byte[] all = pending.toByteArray();
      ByteBuffer buf = ByteBuffer.wrap(all);
      int offset = 0;
      while (all.length - offset >= Frame.HEADER_SIZE) {
        int length = buf.getInt(offset + 5);
        if (all.length - offset < Frame.HEADER_SIZE + length) {
          break;
        }
        int version = all[offset] & 0x7F;
        int flags = all[offset + 1];
        int stream = buf.getShort(offset + 2);
        int opcode = all[offset + 4];
        ByteBuffer body = ByteBuffer.wrap(all, offset + Frame.HEADER_SIZE, length).slice();
        offset += Frame.HEADER_SIZE + length;
        if ((flags & Frame.FLAG_COMPRESSED) != 0) {
          compressedFrames.incrementAndGet();
          body = compressor.decompressBody(body);
        }
        answer(version, stream, opcode, body);
      }
      pending.reset();
      pending.write(all, offset, all.length - offset);
    }

    private void answer(int version, int stream, int opcode, ByteBuffer body) throws IOException {
      switch (opcode) {
        case 0x05 -> send(version, stream, 0x06, supported());
        case 0x01 -> {
          String chosen = null;
          int n = body.getShort();
          for (int i = 0; i < n; i++) {
            String key = readString(body);
            String value = readString(body);
            if (key.equals("COMPRESSION")) {
              chosen = value;
            }
          }
          startupCompression.add(chosen == null ? "none" : chosen);
          if (chosen != null) {
            compressor = Compressor.forName(chosen, 1 << 28);
          }
          send(version, stream, 0x02, new byte[0]);
          if (version >= 5) {
            Lz4Compressor lz4 = compressor instanceof Lz4Compressor l ? l : null;
            segmentDecoder = new SegmentDecoder(lz4);
            segmentEncoder = new SegmentEncoder(lz4);
          }
        }
        case 0x07 -> {
          byte[] text = new byte[body.getInt()];
          body.get(text);
          String query = new String(text, StandardCharsets.UTF_8);
          if (query.startsWith("garbage") && version < 5) {
            byte[] junk = {0, 0, 0, 0x40, (byte) 0xf0, (byte) 0xff, (byte) 0xff, 1, 2, 3};
            write(List.of(header(version, Frame.FLAG_COMPRESSED, stream, 0x08, junk.length),
                ByteBuffer.wrap(junk)));
            return;
          }
          if (text.length > ECHO_LIMIT) {
            text = java.util.Arrays.copyOf(text, ECHO_LIMIT);
          }
          ByteBuffer result = ByteBuffer.allocate(4 + 2 + text.length);
          result.putInt(3).putShort((short) text.length).put(text);
          send(version, stream, 0x08, result.array());
        }
        default -> throw new IllegalStateException("unexpected opcode " + opcode);
      }
    }

    private void send(int version, int stream, int opcode, byte[] body) throws IOException {
      boolean compressBody = version < 5 && compressor != null && body.length > 0;
      ByteBuffer payload = compressBody ? compressor.compressBody(ByteBuffer.wrap(body))
          : ByteBuffer.wrap(body);
      List<ByteBuffer> frame = List.of(
          header(version, compressBody ? Frame.FLAG_COMPRESSED : 0, stream, opcode,
              payload.remaining()),
          payload);
      if (segmentEncoder != null) {
        ByteBuffer whole = ByteBuffer.allocate(Frame.HEADER_SIZE + payload.remaining());
        whole.put(frame.get(0)).put(payload).flip();
        List<ByteBuffer> segments = new ArrayList<>();
        segmentEncoder.encode(List.of(whole), segments::add);
        write(segments);
      } else {
        write(frame);
      }
    }

    private void write(List<ByteBuffer> buffers) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (ByteBuffer b : buffers) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        all.writeBytes(a);
      }
      out.write(all.toByteArray());
      out.flush();
    }

    private byte[] supported() {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      writeShort(body, 2);
      writeString(body, "CQL_VERSION");
      writeShort(body, 1);
      writeString(body, "3.4.7");
      writeString(body, "COMPRESSION");
      writeShort(body, offered.size());
      for (String o : offered) {
        writeString(body, o);
      }
      return body.toByteArray();
    }
  }

  private static ByteBuffer header(int version, int flags, int stream, int opcode, int length) {
    ByteBuffer header = ByteBuffer.allocate(Frame.HEADER_SIZE);
    header.put((byte) (0x80 | version)).put((byte) flags).putShort((short) stream)
        .put((byte) opcode).putInt(length).flip();
    return header;
  }

  private static String readString(ByteBuffer body) {
    byte[] bytes = new byte[body.getShort() & 0xFFFF];
    body.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void writeShort(ByteArrayOutputStream out, int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeShort(out, b.length);
    out.writeBytes(b);
  }
}
