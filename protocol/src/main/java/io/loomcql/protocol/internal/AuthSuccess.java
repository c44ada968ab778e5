package io.loomcql.protocol.internal;

/**
 * AUTH_SUCCESS: authentication succeeded; the connection is ready.
 *
 * @param token the final SASL token ([bytes], may be null)
 */
public record AuthSuccess(byte[] token) implements Response {
  @Override
  public String toString() {
    return "AuthSuccess[" + (token == null ? "null" : token.length + " bytes") + "]";
  }
}
