/**
 * The driver's pluggable policies (the Python driver's {@code cassandra.policies}): host distance,
 * reconnection schedules and conviction of failed nodes so far.
 *
 * <p>Depends on nothing of loomcql yet; the module rule lets it depend on {@code io.loomcql.protocol}
 * only.
 */
module io.loomcql.policies {
  exports io.loomcql.policies;
}
