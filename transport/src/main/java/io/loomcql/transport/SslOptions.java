package io.loomcql.transport;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS for connections to the nodes (the Python driver's {@code ssl_context}/{@code ssl_options}).
 *
 * <p>The handshake runs right after the TCP connect, before any CQL byte. By default the server
 * certificate must be trusted by the context's trust managers <em>and</em> name the address
 * connected to (endpoint identification "HTTPS": a host name must match a DNS subject alternative
 * name, an IP literal an IP SAN); turn {@link #hostnameVerification()} off only for tests.
 *
 * @param context the SSLContext that creates the engines (trust and key material)
 * @param hostnameVerification whether the certificate must match the host connected to; default
 *     true
 * @param protocols enabled protocols (e.g. {@code TLSv1.3}), or null for the context's defaults
 * @param cipherSuites enabled cipher suites, or null for the context's defaults
 */
public record SslOptions(
    SSLContext context, boolean hostnameVerification, List<String> protocols, List<String> cipherSuites) {

  /** Validates and copies the lists. */
  public SslOptions {
    Objects.requireNonNull(context, "context");
    protocols = protocols == null ? null : List.copyOf(protocols);
    cipherSuites = cipherSuites == null ? null : List.copyOf(cipherSuites);
  }

  /** TLS with {@code context}, hostname verification on, default protocols and cipher suites. */
  public static SslOptions of(SSLContext context) {
    return new SslOptions(context, true, null, null);
  }

  /** A copy with hostname verification switched on or off. */
  public SslOptions withHostnameVerification(boolean verify) {
    return new SslOptions(context, verify, protocols, cipherSuites);
  }

  /** A copy enabling only {@code enabled} protocols. */
  public SslOptions withProtocols(String... enabled) {
    return new SslOptions(context, hostnameVerification, List.of(enabled), cipherSuites);
  }

  /** A copy enabling only {@code enabled} cipher suites. */
  public SslOptions withCipherSuites(String... enabled) {
    return new SslOptions(context, hostnameVerification, protocols, List.of(enabled));
  }

  @Override
  public String toString() {
    return "SslOptions(hostnameVerification=" + hostnameVerification + ", protocols=" + protocols
        + ", cipherSuites=" + cipherSuites + ")";
  }
}
