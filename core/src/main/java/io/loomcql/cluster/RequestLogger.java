package io.loomcql.cluster;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.codec.Codecs;
import io.loomcql.query.BatchStatement;
import io.loomcql.query.BoundStatement;
import io.loomcql.query.ColumnDefinitions;
import io.loomcql.query.SimpleStatement;
import io.loomcql.query.Statement;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs slow and failed requests, like the reference Java driver's request logger: one line per
 * request that took at least {@link Builder#slowThreshold the threshold} (WARN) or failed (ERROR
 * when {@link Builder#logErrors}), and optionally every successful one (INFO). Values are elided
 * unless {@link Builder#showValues} asks for them; query texts and values are cut to a length.
 * Install it with {@code Cluster.builder().requestLogger(RequestLogger.builder().build())}; the
 * logger name is {@code io.loomcql.cluster.RequestLogger}.
 */
public final class RequestLogger {

  private static final Logger LOG = LoggerFactory.getLogger(RequestLogger.class);

  private final long slowThresholdNanos;
  private final boolean logSuccess;
  private final boolean logErrors;
  private final int maxQueryLength;
  private final boolean showValues;
  private final int maxValueLength;
  private final int maxValues;
  private final Logger log;

  private RequestLogger(Builder builder, Logger log) {
    this.slowThresholdNanos = builder.slowThreshold.toNanos();
    this.logSuccess = builder.logSuccess;
    this.logErrors = builder.logErrors;
    this.maxQueryLength = builder.maxQueryLength;
    this.showValues = builder.showValues;
    this.maxValueLength = builder.maxValueLength;
    this.maxValues = builder.maxValues;
    this.log = log;
  }

  /** A builder of a request logger, every setting at its default until set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Called once per request when it completes; {@code error} is null on success. */
  void onRequestEnd(
      Statement statement, InetSocketAddress coordinator, long latencyNanos, Throwable error) {
    if (error != null) {
      if (logErrors && log.isErrorEnabled()) {
        log.error("[{}] Error ({}) {}: {}", coordinator, millis(latencyNanos), describe(statement), error.toString());
      }
    } else if (latencyNanos >= slowThresholdNanos) {
      if (log.isWarnEnabled()) {
        log.warn("[{}] Slow ({}) {}", coordinator, millis(latencyNanos), describe(statement));
      }
    } else if (logSuccess && log.isInfoEnabled()) {
      log.info("[{}] Success ({}) {}", coordinator, millis(latencyNanos), describe(statement));
    }
  }

  private static String millis(long nanos) {
    return String.format("%.1f ms", nanos / 1e6);
  }

  /** The statement as a log shows it: its query, cut, and its values or their count. */
  String describe(Statement statement) {
    StringBuilder out = new StringBuilder();
    describe(statement, out);
    return out.toString();
  }

  private void describe(Statement statement, StringBuilder out) {
    switch (statement) {
      case SimpleStatement simple -> {
        appendQuery(simple.queryString(), out);
        appendValues(simple.values(), null, out);
      }
      case BoundStatement bound -> {
        appendQuery(bound.preparedStatement().queryString(), out);
        appendValues(bound.values(), bound, out);
      }
      case BatchStatement batch -> {
        out.append("BATCH ").append(batch.batchType()).append(" of ").append(batch.size()).append(": ");
        int shown = 0;
        for (Statement child : batch.statements()) {
          if (out.length() > maxQueryLength) {
            out.append(" ...");
            break;
          }
          if (shown++ > 0) {
            out.append("; ");
          }
          describe(child, out);
        }
      }
    }
  }

  private void appendQuery(String query, StringBuilder out) {
    if (query.length() > maxQueryLength) {
      out.append(query, 0, maxQueryLength).append("...<truncated>");
    } else {
      out.append(query);
    }
  }

  private void appendValues(List<?> values, BoundStatement bound, StringBuilder out) {
    if (values.isEmpty()) {
      return;
    }
    if (!showValues) {
      out.append(" [").append(values.size()).append(values.size() == 1 ? " value]" : " values]");
      return;
    }
    out.append(" [");
    ColumnDefinitions markers = bound == null ? null : bound.preparedStatement().columnMetadata();
    ProtocolVersion version = bound == null ? null : bound.preparedStatement().protocolVersion();
    for (int i = 0; i < values.size(); i++) {
      if (i == maxValues) {
        out.append(", ...<").append(values.size() - maxValues).append(" more>");
        break;
      }
      if (i > 0) {
        out.append(", ");
      }
      if (markers != null) {
        out.append(markers.get(i).name()).append('=');
      }
      String text;
      Object value = values.get(i);
      if (bound != null && value != null) {
        text = decoded((ByteBuffer) value, markers, i, version);
      } else {
        text = String.valueOf(value);
      }
      out.append(text.length() > maxValueLength ? text.substring(0, maxValueLength) + "..." : text);
    }
    out.append(']');
  }

  private static String decoded(
      ByteBuffer value, ColumnDefinitions markers, int index, ProtocolVersion version) {
    if (value == QueryOptions.UNSET) {
      return "<unset>";
    }
    try {
      return String.valueOf(Codecs.codecFor(markers.get(index).type()).decode(value.duplicate(), version));
    } catch (RuntimeException e) {
      return "<" + value.remaining() + " bytes>";
    }
  }

  /** Settings of a {@link RequestLogger}. */
  public static final class Builder {

    private Duration slowThreshold = Duration.ofSeconds(1);
    private boolean logSuccess;
    private boolean logErrors = true;
    private int maxQueryLength = 500;
    private boolean showValues;
    private int maxValueLength = 50;
    private int maxValues = 50;

    private Builder() {}

    /** Requests taking at least this long are logged at WARN (default 1 s). */
    public Builder slowThreshold(Duration threshold) {
      if (Objects.requireNonNull(threshold, "threshold").isNegative()) {
        throw new IllegalArgumentException("threshold must not be negative, got " + threshold);
      }
      this.slowThreshold = threshold;
      return this;
    }

    /** Logs every successful request that is not slow at INFO too (default false). */
    public Builder logSuccess(boolean enabled) {
      this.logSuccess = enabled;
      return this;
    }

    /** Logs failed requests at ERROR (default true). */
    public Builder logErrors(boolean enabled) {
      this.logErrors = enabled;
      return this;
    }

    /** Query texts longer than this are cut (default 500 characters). */
    public Builder maxQueryLength(int length) {
      this.maxQueryLength = positive(length, "length");
      return this;
    }

    /** Shows bound values instead of their count (default false: values may be sensitive). */
    public Builder showValues(boolean enabled) {
      this.showValues = enabled;
      return this;
    }

    /** Values longer than this, as text, are cut (default 50 characters). */
    public Builder maxValueLength(int length) {
      this.maxValueLength = positive(length, "length");
      return this;
    }

    /** At most this many values are shown per statement (default 50). */
    public Builder maxValues(int count) {
      this.maxValues = positive(count, "count");
      return this;
    }

    private static int positive(int value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }

    /**
     * {@return a request logger with the settings given so far, logging to the {@code
     * io.loomcql.cluster.RequestLogger} logger}
     */
    public RequestLogger build() {
      return new RequestLogger(this, LOG);
    }

    /** For tests: log to {@code log}. */
    RequestLogger build(Logger log) {
      return new RequestLogger(this, log);
    }
  }
}
