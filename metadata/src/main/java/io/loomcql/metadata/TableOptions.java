package io.loomcql.metadata;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The options of a table or view ({@code WITH ...}): read from a {@code system_schema.tables} or
 * {@code views} row and printed in the order and format of Cassandra 5.0's DESCRIBE.
 */
final class TableOptions {

  /** Columns of a tables/views row that are not options. */
  private static final Set<String> NOT_OPTIONS =
      Set.of(
          "keyspace_name", "table_name", "view_name", "id", "flags", "base_table_id",
          "base_table_name", "include_all_columns", "where_clause");

  /**
   * Options the server omits from the row while they have their default value (Cassandra writes
   * them only when set); a present-but-null column takes the default below.
   */
  private static final Map<String, Object> DEFAULT_WHEN_NULL =
      Map.of(
          "allow_auto_snapshot", Boolean.TRUE,
          "incremental_backups", Boolean.TRUE,
          "cdc", Boolean.FALSE,
          "memtable", "default",
          "extensions", Map.of());

  /** DESCRIBE's order (TableParams.appendCqlTo in Cassandra 5.0). */
  private static final List<String> DESCRIBE_ORDER =
      List.of(
          "additional_write_policy",
          "allow_auto_snapshot",
          "bloom_filter_fp_chance",
          "caching",
          "cdc",
          "comment",
          "compaction",
          "compression",
          "memtable",
          "crc_check_chance",
          "default_time_to_live",
          "extensions",
          "gc_grace_seconds",
          "incremental_backups",
          "max_index_interval",
          "memtable_flush_period_in_ms",
          "min_index_interval",
          "read_repair",
          "speculative_retry");

  private TableOptions() {}

  /**
   * The options of a row: every column but the identifying ones, nulls dropped, except that the
   * options Cassandra leaves null while at their default get that default.
   */
  static Map<String, Object> fromRow(Map<String, Object> row) {
    Map<String, Object> options = new TreeMap<>();
    for (Map.Entry<String, Object> entry : row.entrySet()) {
      String key = entry.getKey();
      if (NOT_OPTIONS.contains(key)) {
        continue;
      }
      Object value = entry.getValue();
      if (value == null) {
        value = DEFAULT_WHEN_NULL.get(key);
      } else if (value instanceof Map<?, ?> map) {
        value = copyMap(map);
      }
      if (value != null) {
        options.put(key, value);
      }
    }
    return Collections.unmodifiableMap(options);
  }

  private static Map<String, Object> copyMap(Map<?, ?> map) {
    Map<String, Object> copy = new TreeMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object value = entry.getValue();
      copy.put(
          String.valueOf(entry.getKey()),
          value instanceof ByteBuffer buffer ? buffer.asReadOnlyBuffer() : value);
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Appends {@code AND name = value} lines (the first without {@code AND} when {@code first}) for
   * the options DESCRIBE prints, in its order; options absent from {@code options} are skipped.
   */
  static void appendTo(StringBuilder out, Map<String, Object> options, boolean isView, boolean first) {
    for (String name : DESCRIBE_ORDER) {
      if (isView && name.equals("default_time_to_live")) {
        continue;
      }
      if (!options.containsKey(name)) {
        continue;
      }
      if (!first) {
        out.append("\n    AND ");
      }
      first = false;
      out.append(name).append(" = ").append(literal(options.get(name)));
    }
  }

  /** A value as a CQL literal: strings quoted, maps as map literals, blobs as {@code 0x...}. */
  static String literal(Object value) {
    if (value instanceof String s) {
      return CqlNames.quoteString(s);
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return "0x" + HexFormat.of().formatHex(bytes);
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      boolean firstEntry = true;
      for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
        if (!firstEntry) {
          out.append(", ");
        }
        firstEntry = false;
        out.append(CqlNames.quoteString(String.valueOf(entry.getKey())))
            .append(": ")
            .append(literal(entry.getValue()));
      }
      return out.append('}').toString();
    }
    return String.valueOf(value);
  }
}
