package io.loomcql.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.ColumnDefinition;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.internal.PreparedInfo;
import io.loomcql.query.internal.PreparedInternals;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class RequestLoggerTest {

  private static final InetSocketAddress NODE = new InetSocketAddress("127.0.0.1", 9042);

  /** Log lines as "LEVEL message-with-arguments". */
  private final List<String> lines = new ArrayList<>();

  private final Logger capturing =
      (Logger)
          Proxy.newProxyInstance(
              Logger.class.getClassLoader(),
              new Class<?>[] {Logger.class},
              (proxy, method, args) -> {
                String name = method.getName();
                if (name.startsWith("is") && name.endsWith("Enabled")) {
                  return true;
                }
                if (List.of("info", "warn", "error").contains(name)) {
                  String message = (String) args[0];
                  Object[] parameters =
                      args.length == 2 && args[1] instanceof Object[] array ? array
                          : java.util.Arrays.copyOfRange(args, 1, args.length);
                  for (Object parameter : parameters) {
                    message = message.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(parameter)));
                  }
                  lines.add(name.toUpperCase() + " " + message);
                }
                return null;
              });

  private static PreparedStatement prepared() {
    return PreparedInternals.create(new PreparedInfo(
        "INSERT INTO ks.users (id, name) VALUES (?, ?)",
        "ks",
        new byte[] {1},
        null,
        new ColumnDefinitions(
            List.of(
                new ColumnDefinition("ks", "users", "id", DataType.INT),
                new ColumnDefinition("ks", "users", "name", DataType.TEXT))),
        new int[] {0},
        null,
        ProtocolVersion.V5,
        type -> null));
  }

  @Test
  void slow_requests_are_logged_with_values_elided() {
    RequestLogger logger = RequestLogger.builder().slowThreshold(Duration.ofMillis(100)).build(capturing);

    logger.onRequestEnd(prepared().bind(7, "secret"), NODE, 250_000_000, null);
    logger.onRequestEnd(prepared().bind(8, "fast"), NODE, 1_000_000, null);

    assertThat(lines)
        .containsExactly(
            "WARN [/127.0.0.1:9042] Slow (250.0 ms) INSERT INTO ks.users (id, name) VALUES (?, ?) [2 values]");
  }

  @Test
  void values_are_shown_by_name_when_asked_and_cut_to_length() {
    RequestLogger logger =
        RequestLogger.builder().showValues(true).maxValueLength(4).logSuccess(true).build(capturing);

    logger.onRequestEnd(prepared().bind(7, "secret"), NODE, 1_000_000, null);

    assertThat(lines).containsExactly(
        "INFO [/127.0.0.1:9042] Success (1.0 ms) INSERT INTO ks.users (id, name) VALUES (?, ?) [id=7, name=secr...]");
  }

  @Test
  void errors_are_logged_unless_disabled() {
    RequestLogger logger = RequestLogger.builder().build(capturing);
    logger.onRequestEnd(new SimpleStatement("SELECT * FROM t"), NODE, 2_000_000, new IllegalStateException("boom"));
    RequestLogger.builder().logErrors(false).build(capturing)
        .onRequestEnd(new SimpleStatement("SELECT 1"), NODE, 2_000_000, new IllegalStateException("quiet"));

    assertThat(lines).containsExactly(
        "ERROR [/127.0.0.1:9042] Error (2.0 ms) SELECT * FROM t: java.lang.IllegalStateException: boom");
  }

  @Test
  void long_queries_and_batches_are_cut() {
    RequestLogger logger = RequestLogger.builder().maxQueryLength(20).build(capturing);

    assertThat(logger.describe(new SimpleStatement("SELECT a, b, c, d, e, f FROM some_table")))
        .isEqualTo("SELECT a, b, c, d, e...<truncated>");
    BatchStatement batch = new BatchStatement();
    batch.add(prepared().bind(1, "a"));
    batch.add(prepared().bind(2, "b"));
    assertThat(logger.describe(batch)).startsWith("BATCH LOGGED of 2: INSERT INTO ks.users").endsWith(" ...");
  }
}
