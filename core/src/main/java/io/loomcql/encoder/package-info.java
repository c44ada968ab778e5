/**
 * CQL literals for {@code %s} queries (the Python driver's {@code cassandra.encoder}):
 * {@link io.loomcql.encoder.Encoder} renders Java values as literals that cannot change the
 * statement around them.
 */
package io.loomcql.encoder;
