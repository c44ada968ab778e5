package io.loomcql.transport.internal;

import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.testserver.BodyWriter;
import io.loomcql.testserver.CqlTestServer;
import io.loomcql.testserver.Frames;
import io.loomcql.testserver.Match;
import io.loomcql.testserver.RecordedRequest;
import io.loomcql.testserver.Reply;
import java.io.IOException;
import java.util.List;

/**
 * The test CQL server as the transport tests use it: every QUERY is answered with a RESULT
 * Set_keyspace carrying the query string back, so a client can check that each response reached
 * its request. A query may ask for misbehaviour by its text: {@code drop...} is never answered,
 * {@code delay:<ms>:...} is answered after a pause of the whole connection (the requests behind it
 * wait, so answers stay in order), {@code corrupt...} gets garbage instead of an
 * answer, {@code cut...} gets half a frame and then the socket closes, {@code big:<n>} gets a
 * RESULT whose body is n bytes ({@link #bigBody}). Queries longer than {@link #ECHO_LIMIT} bytes
 * get their first {@link #ECHO_LIMIT} characters back (a [string] holds at most 65535 bytes).
 */
final class TestServers {

  static final int ECHO_LIMIT = 65_000;

  private TestServers() {}

  /** An echoing server on 127.0.0.1 and an ephemeral port, offering no compression. */
  static CqlTestServer echo() throws IOException {
    return echo(CqlTestServer.builder().compression(List.of()));
  }

  /** An echoing server built by {@code builder}. */
  static CqlTestServer echo(CqlTestServer.Builder builder) throws IOException {
    CqlTestServer server = builder.start();
    server.when(Match.opcode(Opcodes.QUERY), request -> {
      String query = request.query();
      if (query.startsWith("drop")) {
        return Reply.drop();
      }
      if (query.startsWith("corrupt")) {
        return Reply.garbage();
      }
      if (query.startsWith("cut")) {
        return Reply.truncated(Reply.setKeyspace(query));
      }
      if (query.startsWith("big:")) {
        return Reply.message(Opcodes.RESULT, bigBody(Integer.parseInt(query.split(":")[1])));
      }
      if (query.startsWith("delay:")) {
        pause(Long.parseLong(query.split(":")[1]));
      }
      return Reply.setKeyspace(query.length() > ECHO_LIMIT ? query.substring(0, ECHO_LIMIT) : query);
    });
    return server;
  }

  /** Holds the connection's thread: a server busy with one request answers nothing else. */
  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** From now on, the server answers nothing at all (heartbeats and handshakes included). */
  static void silence(CqlTestServer server) {
    server.when(Match.any(), Reply.drop());
  }

  /** The COMPRESSION each STARTUP asked for ("none" when it asked for none), in order. */
  static List<String> startupCompressions(CqlTestServer server) {
    return server.requests().stream().filter(r -> r.opcode() == Opcodes.STARTUP)
        .map(RecordedRequest::options).map(o -> o.getOrDefault("COMPRESSION", "none")).toList();
  }

  /** Requests received with the COMPRESSED flag (v3/v4). */
  static long compressedRequests(CqlTestServer server) {
    return server.requests().stream().filter(r -> (r.flags() & 0x01) != 0).count();
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

  /** A RESULT Void body. */
  static byte[] voidBody() {
    return new BodyWriter().i32(1).toByteArray();
  }
}
