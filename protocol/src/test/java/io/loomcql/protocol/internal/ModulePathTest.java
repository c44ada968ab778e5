package io.loomcql.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tests run on the class path; this one loads the protocol module with lz4-java and
 * snappy-java as named (automatic) modules in a module layer, as a modular application would, and
 * compresses with both from inside it.
 */
class ModulePathTest {

  private static Path entry(String fragment) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.replace('\\', '/').contains(fragment))
        .map(Path::of)
        .findFirst()
        .orElseThrow(() -> new AssertionError("No class path entry containing " + fragment));
  }

  @ParameterizedTest
  @ValueSource(strings = {"lz4", "snappy"})
  void should_compress_with_the_protocol_module_on_the_module_path(String name) throws Exception {
    ModuleFinder finder = ModuleFinder.of(
        entry("protocol/target/classes"), entry("lz4-java"), entry("snappy-java"));
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        boot.configuration().resolve(finder, ModuleFinder.of(), Set.of("io.loomcql.protocol"));
    ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(
        configuration, List.of(boot), ClassLoader.getPlatformClassLoader());
    ModuleLayer layer = controller.layer();
    Module protocol = layer.findModule("io.loomcql.protocol").orElseThrow();
    assertThat(protocol.getDescriptor().isAutomatic()).isFalse();
    assertThat(layer.findModule("org.lz4.java")).isPresent();
    assertThat(layer.findModule("org.xerial.snappy")).isPresent();
    controller.addOpens(protocol, "io.loomcql.protocol.internal", getClass().getModule());

    Class<?> compressorClass =
        layer.findLoader("io.loomcql.protocol").loadClass("io.loomcql.protocol.internal.Compressor");
    assertThat(compressorClass.getModule()).isSameAs(protocol);
    Object compressor =
        compressorClass.getMethod("forName", String.class, int.class).invoke(null, name, 1 << 20);
    assertThat(compressor).as(name + " available on the module path").isNotNull();
    Method compress = compressorClass.getMethod("compressBody", ByteBuffer.class);
    Method decompress = compressorClass.getMethod("decompressBody", ByteBuffer.class);
    byte[] data = "module path ".repeat(100).getBytes(StandardCharsets.US_ASCII);
    ByteBuffer compressed = (ByteBuffer) compress.invoke(compressor, ByteBuffer.wrap(data));
    assertThat(compressed.remaining()).isLessThan(data.length);
    ByteBuffer back = (ByteBuffer) decompress.invoke(compressor, compressed);
    byte[] got = new byte[back.remaining()];
    back.get(got);
    assertThat(got).containsExactly(data);
  }
}
