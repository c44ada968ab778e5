/**
 * The integration-test harness: real Cassandra nodes forked as JVMs (or found in containers or
 * given from outside), their configuration files, logs and lifecycle, and the JUnit extension that
 * hands a running cluster to a test.
 */
package io.loomcql.it.harness;
