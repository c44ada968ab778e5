/**
 * Authentication (the Python driver's {@code cassandra.auth}): the
 * {@link io.loomcql.auth.AuthProvider} set on the cluster hands each new connection an
 * {@link io.loomcql.auth.Authenticator} that answers the server's SASL challenges;
 * {@link io.loomcql.auth.PlainTextAuthProvider} logs in with a user name and password.
 */
package io.loomcql.auth;
