package io.loomcql.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerJdkTest {

    @TempDir
    Path jvmRoot;

    @Test
    void prefers_17_over_11_and_ignores_21_and_later() throws IOException {
        fakeJdk("temurin-25", "25.0.1");
        fakeJdk("openjdk-11", "11.0.24");
        fakeJdk("openjdk-17", "17.0.16");
        fakeJdk("openjdk-21", "21.0.5");

        ServerJdk jdk = ServerJdk.find(Map.of(), jvmRoot);

        assertThat(jdk.featureVersion()).isEqualTo(17);
        assertThat(jdk.home()).isEqualTo(jvmRoot.resolve("openjdk-17"));
        assertThat(jdk.serverJvmFlags()).contains("--add-opens", "java.base/java.lang=ALL-UNNAMED");
    }

    @Test
    void takes_11_when_there_is_no_17() throws IOException {
        fakeJdk("openjdk-11", "11.0.24");

        assertThat(ServerJdk.find(Map.of(), jvmRoot).featureVersion()).isEqualTo(11);
    }

    @Test
    void environment_variable_wins_over_the_scan() throws IOException {
        fakeJdk("openjdk-17", "17.0.16");
        Path eleven = fakeJdk("elsewhere-11", "11.0.2");

        ServerJdk jdk = ServerJdk.find(Map.of("CASSANDRA_JAVA_HOME", eleven.toString()), jvmRoot);

        assertThat(jdk.home()).isEqualTo(eleven);
    }

    @Test
    void says_what_to_install_when_no_jdk_fits() throws IOException {
        fakeJdk("temurin-25", "25.0.1");

        assertThatThrownBy(() -> ServerJdk.find(Map.of(), jvmRoot))
                .hasMessageContaining("apt-get install -y openjdk-17-jdk-headless")
                .hasMessageContaining("CASSANDRA_JAVA_HOME");
    }

    @Test
    void rejects_an_environment_variable_naming_jdk_21() throws IOException {
        Path twentyOne = fakeJdk("openjdk-21", "21.0.5");

        assertThatThrownBy(() -> ServerJdk.find(Map.of("CASSANDRA_JAVA_HOME", twentyOne.toString()), jvmRoot))
                .hasMessageContaining("JDK 21");
    }

    @Test
    void reads_old_style_versions() throws IOException {
        assertThat(ServerJdk.featureVersionOf(fakeJdk("jdk8", "1.8.0_402"))).contains(8);
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvmRoot.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        return home;
    }
}
