package io.loomcql.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressTranslatorTest {

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Answers fixed lookups and records the questions. */
  private static final class FakeResolver implements EC2MultiRegionTranslator.Resolver {
    final List<String> asked = new ArrayList<>();
    final String name;
    final InetAddress[] addresses;

    FakeResolver(String name, InetAddress... addresses) {
      this.name = name;
      this.addresses = addresses;
    }

    @Override
    public String reverse(InetAddress address) {
      asked.add("reverse " + address.getHostAddress());
      return name;
    }

    @Override
    public InetAddress[] forward(String host) throws UnknownHostException {
      asked.add("forward " + host);
      if (addresses == null) {
        throw new UnknownHostException(host);
      }
      return addresses;
    }
  }

  @Test
  void should_return_the_same_address_with_the_identity_translator() {
    InetAddress address = ip("192.0.2.7");

    assertThat(new IdentityTranslator().translate(address)).isSameAs(address);
  }

  @Test
  void should_translate_to_the_first_address_of_the_same_family_of_the_reverse_name() {
    FakeResolver resolver = new FakeResolver("ec2-54-1-2-3.compute.amazonaws.com",
        ip("2001:db8::1"), ip("10.0.0.5"), ip("10.0.0.6"));
    EC2MultiRegionTranslator translator = new EC2MultiRegionTranslator(resolver);

    assertThat(translator.translate(ip("54.1.2.3"))).isEqualTo(ip("10.0.0.5"));
    assertThat(translator.translate(ip("2001:db8::99"))).isEqualTo(ip("2001:db8::1"));
    assertThat(resolver.asked).startsWith("reverse 54.1.2.3",
        "forward ec2-54-1-2-3.compute.amazonaws.com");
  }

  @Test
  void should_keep_the_address_when_a_lookup_fails_or_finds_nothing_of_its_family() {
    InetAddress address = ip("54.1.2.3");

    assertThat(new EC2MultiRegionTranslator(new FakeResolver("name", (InetAddress[]) null))
        .translate(address)).isSameAs(address);
    assertThat(new EC2MultiRegionTranslator(new FakeResolver("name", ip("2001:db8::1")))
        .translate(address)).isSameAs(address);
    assertThat(new EC2MultiRegionTranslator(new FakeResolver(null)).translate(address))
        .isSameAs(address);
  }

  @Test
  void should_translate_loopback_to_loopback_with_the_system_resolver() {
    InetAddress loopback = ip("127.0.0.1");

    assertThat(new EC2MultiRegionTranslator().translate(loopback).isLoopbackAddress()).isTrue();
  }
}
