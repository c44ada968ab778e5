package io.loomcql.auth;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Username and password authentication for Cassandra's {@code PasswordAuthenticator} (SASL
 * PLAIN), like the Python driver's {@code PlainTextAuthProvider(username, password)}.
 *
 * <p>The password never appears in {@link #toString()}, logs or exception messages.
 */
public final class PlainTextAuthProvider implements AuthProvider {

  private final String username;
  private final String password;

  /** A provider that logs in as {@code username} with {@code password} (neither may be null). */
  public PlainTextAuthProvider(String username, String password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
  }

  /** {@return the user name this provider logs in as} */
  public String username() {
    return username;
  }

  @Override
  public Authenticator newAuthenticator(InetSocketAddress endpoint, String authenticatorClass) {
    return new PlainTextAuthenticator(username, password);
  }

  @Override
  public String toString() {
    return "PlainTextAuthProvider(username=" + username + ")";
  }

  /** SASL PLAIN: an empty authorization id, then the user name and password, NUL-separated. */
  private record PlainTextAuthenticator(String username, String password) implements Authenticator {

    @Override
    public byte[] initialResponse() {
      byte[] user = username.getBytes(StandardCharsets.UTF_8);
      byte[] pass = password.getBytes(StandardCharsets.UTF_8);
      byte[] token = new byte[user.length + pass.length + 2];
      System.arraycopy(user, 0, token, 1, user.length);
      System.arraycopy(pass, 0, token, user.length + 2, pass.length);
      return token;
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
      return null;
    }

    @Override
    public String toString() {
      return "PlainTextAuthenticator(username=" + username + ")";
    }
  }
}
