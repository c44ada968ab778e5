package io.loomcql.protocol.internal;

/**
 * AUTHENTICATE: the server requires authentication (answer to STARTUP); the client continues with
 * AUTH_RESPONSE.
 *
 * @param authenticator the server's authenticator class, e.g.
 *     {@code org.apache.cassandra.auth.PasswordAuthenticator}
 */
public record Authenticate(String authenticator) implements Response {}
