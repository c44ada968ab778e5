/**
 * The driver's side of statements and rows: rows decoded from a RESULT page ({@code RowsPage},
 * {@code DefaultRow}), its access to prepared statements ({@code PreparedInternals}), the one
 * validation of the options statements share ({@code StatementOptions}) and the registry of user
 * types mapped to Java classes ({@code UserTypeRegistry}). Not exported.
 */
package io.loomcql.query.internal;
