package io.loomcql.protocol.internal;

/**
 * A RESULT of kind Set_keyspace: a {@code USE} statement succeeded.
 *
 * @param keyspace the keyspace now in use on this connection
 */
public record SetKeyspace(String keyspace) implements Result {}
