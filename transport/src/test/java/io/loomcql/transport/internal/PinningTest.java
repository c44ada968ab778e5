package io.loomcql.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolVersion;
import io.loomcql.testserver.CqlTestServer;
import io.loomcql.transport.spi.Connection;
import io.loomcql.transport.spi.ConnectionOptions;
import io.loomcql.transport.spi.TransportFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PinningTest {

  @ParameterizedTest
  @EnumSource(TestTransport.class)
  void ten_thousand_virtual_threads_blocking_on_requests_pin_no_carrier(TestTransport kind)
      throws Exception {
    AtomicInteger pinned = new AtomicInteger();
    List<String> where = new ArrayList<>();
    try (CqlTestServer server = TestServers.echo();
        TransportFactory transport = kind.create("pin-" + kind.name().toLowerCase());
        RecordingStream recording = new RecordingStream()) {
      recording.enable("jdk.VirtualThreadPinned").withoutThreshold().withStackTrace();
      recording.onEvent(
          "jdk.VirtualThreadPinned",
          event -> {
            pinned.incrementAndGet();
            if (where.size() < 3) {
              where.add(String.valueOf(event.getStackTrace()));
            }
          });
      recording.startAsync();
      Connection connection =
          transport.open(server.address(), ConnectionOptions.defaults(ProtocolVersion.V4))
              .get(10, TimeUnit.SECONDS);

      List<Future<String>> answers = new ArrayList<>();
      try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 10_000; i++) {
          String cql = "vt-" + i;
          answers.add(executor.submit(() -> Queries.query(connection, cql).get(30, TimeUnit.SECONDS)));
        }
        for (int i = 0; i < answers.size(); i++) {
          assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("vt-" + i);
        }
      }
      connection.close();
      recording.stop();
    }
    assertThat(pinned.get()).as("pinned virtual threads: %s", where).isZero();
  }
}
