package io.loomcql.protocol.internal;

/**
 * AUTH_CHALLENGE: a SASL challenge the client answers with another AUTH_RESPONSE.
 *
 * @param token the challenge ([bytes], may be null)
 */
public record AuthChallenge(byte[] token) implements Response {
  @Override
  public String toString() {
    return "AuthChallenge[" + (token == null ? "null" : token.length + " bytes") + "]";
  }
}
