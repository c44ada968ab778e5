package io.loomcql.query;

import io.loomcql.cqltypes.DataType;

/**
 * One column of a result: where it comes from, its name and its CQL type.
 *
 * @param keyspace the keyspace of the column's table
 * @param table the table
 * @param name the column name as the server sent it
 * @param type the CQL type
 */
public record ColumnDefinition(String keyspace, String table, String name, DataType type) {}
