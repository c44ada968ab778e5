package io.loomcql.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The PNG chart of a comparison, drawn with Java2D (headless): on top, throughput bars per case
 * and driver (median ops/s; each case's bars scaled to its faster driver, the figures printed);
 * below, one small panel per case with each driver's latency-percentile curve (p50, p90, p99,
 * p99.9, max; medians over runs; logarithmic µs axis).
 *
 * <pre>
 * Chart RESULTS.jsonl OUT.png     renders the runs of a .jsonl written by CompareMain
 * </pre>
 */
final class Chart {

  static final Color LOOMCQL = new Color(0x1f77b4);
  static final Color JAVA_DRIVER = new Color(0xff7f0e);
  static final int WIDTH = 1200;

  private static final String[] PERCENTILES = {"p50_us", "p90_us", "p99_us", "p999_us", "max_us"};
  private static final String[] PERCENTILE_LABELS = {"p50", "p90", "p99", "p99.9", "max"};
  private static final int BAR_ROW = 34;
  private static final int PANEL_COLUMNS = 4;
  private static final int PANEL_HEIGHT = 190;

  private Chart() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: Chart RESULTS.jsonl OUT.png");
    }
    List<Map<String, Object>> runs = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (line.startsWith("{")) {
        runs.add(Json.parse(line));
      }
    }
    write(runs, Path.of(args[1]), "loomcql vs java-driver");
  }

  /** The case a run belongs to: its {@code case} label, else workload/mode/concurrency[@rate]. */
  static String caseOf(Map<String, Object> run) {
    Object label = run.get("case");
    if (label != null) {
      return label.toString();
    }
    long rate = (long) CompareMain.num(run, "rate");
    return run.get("workload") + "/" + run.get("mode") + "/" + (long) CompareMain.num(run, "concurrency")
        + (rate > 0 ? "@" + rate : "");
  }

  /** Renders {@code runs} and writes the PNG to {@code out}. */
  static void write(List<Map<String, Object>> runs, Path out, String title) throws IOException {
    BufferedImage image = render(runs, title);
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    ImageIO.write(image, "png", out.toFile());
  }

  /** case → driver → runs, in the order the runs came. */
  static Map<String, Map<String, List<Map<String, Object>>>> group(List<Map<String, Object>> runs) {
    Map<String, Map<String, List<Map<String, Object>>>> byCase = new LinkedHashMap<>();
    for (Map<String, Object> r : runs) {
      byCase.computeIfAbsent(caseOf(r), k -> new LinkedHashMap<>())
          .computeIfAbsent(String.valueOf(r.get("driver")), k -> new ArrayList<>())
          .add(r);
    }
    return byCase;
  }

  static Color colorOf(String driver) {
    return driver.equals("loomcql") ? LOOMCQL : driver.equals("java-driver") ? JAVA_DRIVER : Color.GRAY;
  }

  static BufferedImage render(List<Map<String, Object>> runs, String title) {
    System.setProperty("java.awt.headless", "true");
    Map<String, Map<String, List<Map<String, Object>>>> byCase = group(runs);
    List<String> drivers = new ArrayList<>();
    for (var perDriver : byCase.values()) {
      for (String d : perDriver.keySet()) {
        if (!drivers.contains(d)) {
          drivers.add(d);
        }
      }
    }
    int barsHeight = 70 + byCase.size() * BAR_ROW * Math.max(1, drivers.size()) / 2 + byCase.size() * 8;
    int panelRows = (byCase.size() + PANEL_COLUMNS - 1) / PANEL_COLUMNS;
    int height = barsHeight + 50 + panelRows * PANEL_HEIGHT + 20;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.drawString(title + " — ops/s (median; bars scaled per case to the faster driver)", 20, 26);
      legend(g, drivers, WIDTH - 260, 14);
      drawBars(g, byCase, drivers, 50, barsHeight);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.drawString("Latency percentiles, µs (median over runs; log scale)", 20, barsHeight + 30);
      int i = 0;
      int panelWidth = (WIDTH - 40) / PANEL_COLUMNS;
      for (var perCase : byCase.entrySet()) {
        int x = 20 + (i % PANEL_COLUMNS) * panelWidth;
        int y = barsHeight + 45 + (i / PANEL_COLUMNS) * PANEL_HEIGHT;
        drawPercentiles(g, perCase.getKey(), perCase.getValue(), x, y, panelWidth - 16, PANEL_HEIGHT - 20);
        i++;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void legend(Graphics2D g, List<String> drivers, int x, int y) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (String d : drivers) {
      g.setColor(colorOf(d));
      g.fillRect(x, y, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(d, x + 20, y + 12);
      x += 120;
    }
  }

  private static void drawBars(Graphics2D g, Map<String, Map<String, List<Map<String, Object>>>> byCase,
      List<String> drivers, int top, int bottom) {
    int labelWidth = 330;
    int barMax = WIDTH - labelWidth - 160;
    int barHeight = BAR_ROW / 2 - 2;
    int y = top;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    for (var perCase : byCase.entrySet()) {
      double max = 0;
      for (String d : drivers) {
        double v = Report.median(perCase.getValue().getOrDefault(d, List.of()), "ops_per_s");
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
      g.setColor(Color.BLACK);
      String label = perCase.getKey();
      while (fm.stringWidth(label) > labelWidth - 10 && label.length() > 4) {
        label = label.substring(0, label.length() - 2);
      }
      g.drawString(label, 20, y + barHeight + 4);
      for (String d : drivers) {
        double v = Report.median(perCase.getValue().getOrDefault(d, List.of()), "ops_per_s");
        int length = Double.isNaN(v) || max <= 0 ? 0 : (int) Math.max(1, Math.round(barMax * v / max));
        g.setColor(colorOf(d));
        g.fillRect(20 + labelWidth, y, length, barHeight);
        g.setColor(Color.DARK_GRAY);
        g.drawString(Double.isNaN(v) ? "failed" : String.format(Locale.ROOT, "%,.0f", v),
            20 + labelWidth + length + 6, y + barHeight - 3);
        y += barHeight + 2;
      }
      y += 8;
      if (y > bottom) {
        break;
      }
    }
  }

  private static void drawPercentiles(Graphics2D g, String label, Map<String, List<Map<String, Object>>> perDriver,
      int x, int y, int w, int h) {
    int left = x + 44;
    int right = x + w - 6;
    int top = y + 18;
    int bottom = y + h - 18;
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (List<Map<String, Object>> runs : perDriver.values()) {
      for (String p : PERCENTILES) {
        double v = Report.median(runs, p);
        if (!Double.isNaN(v) && v > 0) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
    g.drawString(label.length() > 44 ? label.substring(0, 44) : label, x, y + 10);
    g.setColor(Color.LIGHT_GRAY);
    g.drawRect(left, top, right - left, bottom - top);
    if (hi <= 0) {
      return;
    }
    double logLo = Math.floor(Math.log10(lo));
    double logHi = Math.max(logLo + 1, Math.ceil(Math.log10(hi)));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    for (int decade = (int) logLo; decade <= logHi; decade++) {
      int py = (int) Math.round(bottom - (decade - logLo) / (logHi - logLo) * (bottom - top));
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(left, py, right, py);
      g.setColor(Color.DARK_GRAY);
      g.drawString(decade >= 6 ? "1e" + decade : String.format(Locale.ROOT, "%,d", (long) Math.pow(10, decade)),
          x, py + 4);
    }
    int step = (right - left) / (PERCENTILES.length - 1);
    for (int i = 0; i < PERCENTILE_LABELS.length; i++) {
      g.drawString(PERCENTILE_LABELS[i], left + i * step - 8, bottom + 13);
    }
    g.setStroke(new BasicStroke(2f));
    for (var e : perDriver.entrySet()) {
      g.setColor(colorOf(e.getKey()));
      int px = -1;
      int py = -1;
      for (int i = 0; i < PERCENTILES.length; i++) {
        double v = Report.median(e.getValue(), PERCENTILES[i]);
        if (Double.isNaN(v) || v <= 0) {
          continue;
        }
        int cx = left + i * step;
        int cy = (int) Math.round(bottom - (Math.log10(v) - logLo) / (logHi - logLo) * (bottom - top));
        g.fillOval(cx - 3, cy - 3, 7, 7);
        if (px >= 0) {
          g.drawLine(px, py, cx, cy);
        }
        px = cx;
        py = cy;
      }
    }
    g.setStroke(new BasicStroke(1f));
  }
}
