package io.loomcql.it.harness;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The stdout/stderr file of a node's JVM, read from the point where the current start began (the
 * file is appended to on every restart, so an old "ready" line must not count again).
 */
final class NodeLog {

    private static final int TAIL_BYTES = 64 * 1024;

    private final Path file;
    private long startOffset;
    private long scannedUpTo;

    NodeLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Called just before the JVM starts: later reads see only what this start writes. */
    void markStart() {
        try {
            startOffset = Files.exists(file) ? Files.size(file) : 0;
            scannedUpTo = startOffset;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code marker} was logged since the last call (or the start, on the first call). Reads
     * only what was added since the last call, plus a marker's length of overlap for a line that
     * was half written then; so a marker found once is not found again.
     */
    boolean containsSinceLastCall(String marker) {
        long from = Math.max(startOffset, scannedUpTo - marker.length());
        byte[] added = readFrom(from);
        scannedUpTo = from + added.length;
        return new String(added, StandardCharsets.UTF_8).contains(marker);
    }

    long startOffset() {
        return startOffset;
    }

    long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything logged from {@code offset} on. */
    String textFrom(long offset) {
        return new String(readFrom(offset), StandardCharsets.UTF_8);
    }

    /** The last lines of the file, for error messages. */
    String tail(int lineCount) {
        try {
            long size = Files.exists(file) ? Files.size(file) : 0;
            String text = new String(readFrom(Math.max(0, size - TAIL_BYTES)), StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - lineCount), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private byte[] readFrom(long offset) {
        if (!Files.exists(file)) {
            return new byte[0];
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length() - offset;
            if (length <= 0) {
                return new byte[0];
            }
            byte[] bytes = new byte[(int) Math.min(length, Integer.MAX_VALUE - 8)];
            in.seek(offset);
            in.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
