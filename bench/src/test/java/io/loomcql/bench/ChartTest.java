package io.loomcql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {

  private static final String RESULTS = String.join("\n",
      "{\"driver\":\"loomcql\",\"workload\":\"write\",\"mode\":\"closed\",\"concurrency\":256,\"rate\":0,"
          + "\"ops_per_s\":300000.0,\"p50_us\":600.0,\"p90_us\":900.0,\"p99_us\":2000.0,\"p999_us\":5000.0,\"max_us\":9000.0}",
      "{\"driver\":\"java-driver\",\"workload\":\"write\",\"mode\":\"closed\",\"concurrency\":256,\"rate\":0,"
          + "\"ops_per_s\":100000.0,\"p50_us\":2000.0,\"p90_us\":3000.0,\"p99_us\":8000.0,\"p999_us\":20000.0,\"max_us\":40000.0}",
      "{\"driver\":\"loomcql\",\"case\":\"B1 write/closed/1\",\"ops_per_s\":9000.0,\"p50_us\":80.0,\"p90_us\":120.0,"
          + "\"p99_us\":300.0,\"p999_us\":900.0,\"max_us\":3000.0}",
      "{\"driver\":\"java-driver\",\"case\":\"B1 write/closed/1\",\"ops_per_s\":6000.0,\"p50_us\":120.0,\"p90_us\":200.0,"
          + "\"p99_us\":500.0,\"p999_us\":1500.0,\"max_us\":5000.0}") + "\n";

  /** Pixels of exactly {@code color} in the image. */
  private static int count(BufferedImage image, java.awt.Color color) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  /** The length in pixels of the longest horizontal run of {@code color} on any row. */
  private static int longestRun(BufferedImage image, java.awt.Color color) {
    int best = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      int run = 0;
      for (int x = 0; x < image.getWidth(); x++) {
        run = (image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff) ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return best;
  }

  @Test
  void should_render_a_png_with_a_bar_per_driver_and_case(@TempDir Path dir) throws Exception {
    Path jsonl = dir.resolve("results.jsonl");
    Files.writeString(jsonl, RESULTS, StandardCharsets.UTF_8);
    Path png = dir.resolve("results.png");

    Chart.main(new String[] {jsonl.toString(), png.toString()});

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(Chart.WIDTH);
    assertThat(count(image, Chart.LOOMCQL)).isGreaterThan(2000);
    assertThat(count(image, Chart.JAVA_DRIVER)).isGreaterThan(1000);
    // loomcql is the faster driver in both cases: its bar is full length, the java-driver's a third
    // (write/closed/256) or two thirds (B1) of it
    int full = longestRun(image, Chart.LOOMCQL);
    int javaLongest = longestRun(image, Chart.JAVA_DRIVER);
    assertThat(full).isGreaterThan(600);
    assertThat((double) javaLongest / full).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(0.02));
  }

  @Test
  void should_group_runs_by_case_label_or_workload_shape() {
    var groups = Chart.group(java.util.List.of(
        Json.parse("{\"driver\":\"loomcql\",\"workload\":\"write\",\"mode\":\"fixed\",\"concurrency\":256,\"rate\":1000}"),
        Json.parse("{\"driver\":\"loomcql\",\"case\":\"B7 write/cold/1\"}")));
    assertThat(groups.keySet()).containsExactly("write/fixed/256@1000", "B7 write/cold/1");
    assertThat(groups.get("B7 write/cold/1")).containsOnlyKeys("loomcql");
  }
}
