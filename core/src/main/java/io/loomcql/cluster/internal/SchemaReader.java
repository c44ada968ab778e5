package io.loomcql.cluster.internal;

import io.loomcql.InvalidRequestException;
import io.loomcql.cluster.internal.request.DirectRequests;
import io.loomcql.metadata.SchemaRows;
import io.loomcql.query.Row;
import io.loomcql.transport.spi.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code system_schema} rows on one connection for the metadata: everything, one keyspace,
 * or one element of a keyspace (the queries of the Python driver's {@code SchemaParserV4}). The
 * virtual keyspaces' rows are read along ({@code system_virtual_schema.keyspaces}, {@code tables}
 * and {@code columns}), as {@code SchemaParserV4} does; servers before Cassandra 4.0 have no such
 * tables and answer InvalidRequest, which reads as no virtual keyspace. The queries of one read
 * are all in flight at once. Blocks the calling thread (the admin thread, or a caller of a {@code
 * refresh*Metadata} method).
 */
final class SchemaReader {

  private SchemaReader() {}

  /** Every keyspace, virtual ones included. */
  static SchemaRows readAll(Connection on, Duration timeout) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (String table : SchemaRows.TABLE_NAMES) {
      queries.put(table, "SELECT * FROM system_schema." + table);
    }
    for (String table : SchemaRows.VIRTUAL_TABLE_NAMES) {
      queries.put(table, "SELECT * FROM " + table);
    }
    return read(on, queries, timeout);
  }

  /** Everything of one keyspace (regular or virtual); no rows at all if it does not exist. */
  static SchemaRows readKeyspace(Connection on, String keyspace, Duration timeout) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (String table : SchemaRows.TABLE_NAMES) {
      queries.put(table, "SELECT * FROM system_schema." + table + where(keyspace));
    }
    for (String table : SchemaRows.VIRTUAL_TABLE_NAMES) {
      queries.put(table, "SELECT * FROM " + table + where(keyspace));
    }
    return read(on, queries, timeout);
  }

  /** The keyspace's own row (replication, durable writes), or its virtual keyspace row. */
  static SchemaRows readKeyspaceRow(Connection on, String keyspace, Duration timeout) {
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("keyspaces", "SELECT * FROM system_schema.keyspaces" + where(keyspace));
    queries.put(
        "system_virtual_schema.keyspaces", "SELECT * FROM system_virtual_schema.keyspaces" + where(keyspace));
    return read(on, queries, timeout);
  }

  /**
   * The rows of one table or materialized view (a schema event does not tell them apart), or of
   * one virtual table.
   */
  static SchemaRows readTable(Connection on, String keyspace, String table, Duration timeout) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (String part : List.of("tables", "columns", "dropped_columns", "indexes", "triggers")) {
      queries.put(part, "SELECT * FROM system_schema." + part + where(keyspace, "table_name", table));
    }
    queries.put("views", "SELECT * FROM system_schema.views" + where(keyspace, "view_name", table));
    for (String part : List.of("system_virtual_schema.tables", "system_virtual_schema.columns")) {
      queries.put(part, "SELECT * FROM " + part + where(keyspace, "table_name", table));
    }
    return read(on, queries, timeout);
  }

  static SchemaRows readType(Connection on, String keyspace, String type, Duration timeout) {
    return read(
        on, Map.of("types", "SELECT * FROM system_schema.types" + where(keyspace, "type_name", type)), timeout);
  }

  /** Every overload of a function. */
  static SchemaRows readFunction(Connection on, String keyspace, String function, Duration timeout) {
    return read(
        on,
        Map.of("functions", "SELECT * FROM system_schema.functions" + where(keyspace, "function_name", function)),
        timeout);
  }

  /** Every overload of an aggregate. */
  static SchemaRows readAggregate(Connection on, String keyspace, String aggregate, Duration timeout) {
    return read(
        on,
        Map.of(
            "aggregates",
            "SELECT * FROM system_schema.aggregates" + where(keyspace, "aggregate_name", aggregate)),
        timeout);
  }

  private static String where(String keyspace) {
    return " WHERE keyspace_name = " + literal(keyspace);
  }

  private static String where(String keyspace, String column, String value) {
    return where(keyspace) + " AND " + column + " = " + literal(value);
  }

  /** A CQL string literal: quotes doubled, so any name is safe to embed. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * Runs the queries (by SchemaRows list name) and collects their rows. A table the server does
   * not have (InvalidRequest, e.g. an older version) reads as empty; any other failure is thrown.
   */
  private static SchemaRows read(Connection on, Map<String, String> queries, Duration timeout) {
    List<String> names = new ArrayList<>(queries.keySet());
    List<Object> results = DirectRequests.queryAll(on, new ArrayList<>(queries.values()), timeout);
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Object result = results.get(i);
      if (result instanceof InvalidRequestException) {
        continue;
      }
      if (result instanceof RuntimeException error) {
        throw error;
      }
      @SuppressWarnings("unchecked")
      List<Row> list = (List<Row>) result;
      rows.put(names.get(i), DirectRequests.asMaps(list));
    }
    return SchemaRows.of(rows);
  }
}
