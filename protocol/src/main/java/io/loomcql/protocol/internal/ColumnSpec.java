package io.loomcql.protocol.internal;

import io.loomcql.cqltypes.DataType;

/**
 * A column of result or bind-variable metadata.
 *
 * @param keyspace the column's keyspace
 * @param table the column's table
 * @param name the column's name (or the bind marker's)
 * @param type the column's type
 */
public record ColumnSpec(String keyspace, String table, String name, DataType type) {}
