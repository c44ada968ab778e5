/**
 * JMH microbenchmarks of the frame codec, the in-flight table's stream ids and the load-balancing
 * query plans.
 */
package io.loomcql.bench.jmh;
