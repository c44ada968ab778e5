/**
 * Support for running many statements at once (the Python driver's
 * {@code cassandra.concurrent}): {@link io.loomcql.concurrent.ExecutionResult}, the outcome of
 * each statement of {@code Session.executeConcurrent}.
 */
package io.loomcql.concurrent;
