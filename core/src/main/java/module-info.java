/**
 * loomcql's public API: {@code Cluster}, {@code Session}, {@code ResponseFuture},
 * {@code ResultSet}, statements and rows — the Java rendering of the Python driver's
 * {@code cassandra.cluster} and {@code cassandra.query} modules.
 */
module io.loomcql.core {
  requires transitive io.loomcql.protocol;
  requires transitive io.loomcql.transport;
  requires transitive io.loomcql.policies;
  requires transitive io.loomcql.metadata;
  requires org.slf4j;
  requires com.fasterxml.jackson.databind;
  requires java.management;
  requires jdk.jfr;

  exports io.loomcql.cluster;
  exports io.loomcql.query;
  exports io.loomcql.timestamps;
  exports io.loomcql.encoder;
  exports io.loomcql.concurrent;
  exports io.loomcql.metrics;
}
