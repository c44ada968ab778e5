package io.loomcql.bench;

import io.loomcql.testserver.CqlTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A CQL server that answers instantly, to measure a driver alone: the test server ({@link
 * CqlTestServer}: handshake, system tables, protocol v3, v4 and v5 with segments, one write per
 * batch of answers) not recording anything, answering the bench's statements with {@link
 * StubResponses}' canned answers and offering no compression.
 *
 * <p>Each connection is served by its own platform thread, so {@code --loops} is accepted for
 * compatibility and has no effect.
 *
 * <pre>
 * StubServer [--address 127.0.0.1] [--port 0] [--loops 1] [--value-size 64]
 * </pre>
 * prints {@code LISTENING host:port pid} once bound, then serves until killed.
 */
public final class StubServer implements AutoCloseable {

  private final CqlTestServer server;

  public StubServer(String address, int port, int valueSize) throws IOException {
    server = CqlTestServer.builder()
        .address(InetAddress.getByName(address))
        .port(port)
        .recordRequests(false)
        .compression(List.of())
        .fallback(new StubResponses(valueSize))
        .start();
  }

  public int port() {
    return server.port();
  }

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    String address = a.string("--address", "127.0.0.1");
    a.integer("--loops", 1); // one thread per connection: nothing to size
    StubServer stub = new StubServer(address, a.integer("--port", 0), a.integer("--value-size", 64));
    System.out.println("LISTENING " + address + ":" + stub.port() + " " + ProcessHandle.current().pid());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  @Override
  public void close() {
    server.close();
  }
}
