/**
 * Statements and rows (the Python driver's {@code cassandra.query}): the
 * {@link io.loomcql.query.SimpleStatement}, {@link io.loomcql.query.PreparedStatement} /
 * {@link io.loomcql.query.BoundStatement} and {@link io.loomcql.query.BatchStatement} kinds of
 * {@link io.loomcql.query.Statement}, result {@link io.loomcql.query.Row}s and their
 * {@link io.loomcql.query.ColumnDefinitions}, {@link io.loomcql.query.RowFactory row factories},
 * and query traces ({@link io.loomcql.query.QueryTrace}).
 */
package io.loomcql.query;
