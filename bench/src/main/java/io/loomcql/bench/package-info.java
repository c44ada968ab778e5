/**
 * The benchmark runner ({@code bin/bench}): workloads, an open-loop schedule, the loomcql and
 * DataStax Java driver adapters, a stub server, and the report and chart writers.
 */
package io.loomcql.bench;
