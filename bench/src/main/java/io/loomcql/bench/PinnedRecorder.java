package io.loomcql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records {@code jdk.VirtualThreadPinned} (every pinning, threshold 0) with Flight Recorder for the
 * length of a run, then counts the events and names the most frequent top frame (B8: no virtual
 * thread may pin its carrier while it waits in execute).
 */
final class PinnedRecorder {

  /**
   * How many pinning events the run had, how many of them began inside the measured window, and
   * the most frequent pinned stack, top first ("" when none).
   */
  record Counts(long events, long measuredEvents, String topFrame) {}

  /** Frames of the most frequent pinned stack to report. */
  private static final int STACK_FRAMES = 6;

  private final Recording recording;

  private PinnedRecorder(Recording recording) {
    this.recording = recording;
  }

  static PinnedRecorder start() {
    Recording recording = new Recording();
    recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
    recording.start();
    return new PinnedRecorder(recording);
  }

  /** Stops recording; events that began at or after {@code measureStart} count as measured. */
  Counts stop(Instant measureStart) throws IOException {
    recording.stop();
    Path file = Files.createTempFile("bench-pinned", ".jfr");
    try {
      recording.dump(file);
      long events = 0;
      long measured = 0;
      Map<String, Integer> frames = new LinkedHashMap<>();
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        if (!event.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
          continue;
        }
        events++;
        if (!event.getStartTime().isBefore(measureStart)) {
          measured++;
        }
        String top = "?";
        if (event.getStackTrace() != null) {
          // The top frames, then the first frames outside the JDK: whose code got pinned.
          StringBuilder stack = new StringBuilder();
          int shown = 0;
          boolean skipping = false;
          for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            String type = frame.getMethod().getType().getName();
            boolean jdk = type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
            if (shown >= 3 && jdk) {
              skipping = true;
              continue;
            }
            if (shown++ == STACK_FRAMES) {
              break;
            }
            stack.append(shown > 1 ? (skipping ? " < ... < " : " < ") : "").append(type).append('.')
                .append(frame.getMethod().getName());
            skipping = false;
          }
          top = stack.toString();
        }
        frames.merge(top, 1, Integer::sum);
      }
      String topFrame = frames.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
          .orElse("");
      return new Counts(events, measured, topFrame);
    } finally {
      recording.close();
      Files.deleteIfExists(file);
    }
  }
}
