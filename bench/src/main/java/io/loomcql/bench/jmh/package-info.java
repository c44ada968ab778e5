/** JMH microbenchmarks of the frame codec and the load-balancing query plans. */
package io.loomcql.bench.jmh;
