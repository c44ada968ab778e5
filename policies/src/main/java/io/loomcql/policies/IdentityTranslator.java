package io.loomcql.policies;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Returns every address unchanged (the Python driver's {@code
 * cassandra.policies.IdentityTranslator}, the default of {@code Cluster.address_translator}).
 */
public final class IdentityTranslator implements AddressTranslator {

  /** The translator (Python: {@code IdentityTranslator()}). */
  public IdentityTranslator() {}

  /** {@code address} itself. */
  @Override
  public InetAddress translate(InetAddress address) {
    return Objects.requireNonNull(address, "address");
  }

  @Override
  public String toString() {
    return "IdentityTranslator()";
  }
}
