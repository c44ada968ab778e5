package io.loomcql.protocol.internal;

/** READY: the connection is ready for queries (answer to STARTUP or REGISTER). Empty body. */
public record Ready() implements Response {}
