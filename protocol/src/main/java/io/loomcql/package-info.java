/**
 * The vocabulary of loomcql shared by every module: {@link io.loomcql.ConsistencyLevel},
 * {@link io.loomcql.ProtocolVersion} and the unchecked exception tree rooted at
 * {@link io.loomcql.DriverException} (the Python driver's {@code cassandra} package).
 */
package io.loomcql;
