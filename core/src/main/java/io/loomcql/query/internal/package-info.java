/**
 * The driver's side of statements and rows: rows decoded from a RESULT page ({@code RowsPage},
 * {@code DefaultRow}), what a prepared statement is made of ({@code PreparedInfo}), the driver's
 * access to prepared statements ({@code PreparedInternals}) and the one validation of the options
 * statements share ({@code StatementOptions}). Not exported.
 */
package io.loomcql.query.internal;
