package io.loomcql.policies;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A statement for tests: keyspace, routing key text, idempotence. */
record Stmt(String keyspace, ByteBuffer routingKey, boolean isIdempotent) implements RoutingInfo {

  static Stmt routed(String keyspace, String key) {
    return new Stmt(keyspace, ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)), false);
  }

  static Stmt idempotent() {
    return new Stmt(null, null, true);
  }

  static Stmt notIdempotent() {
    return new Stmt(null, null, false);
  }
}
