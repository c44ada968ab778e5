package io.loomcql.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A snapshot of what this process (and optionally the server's) has consumed so far; the harness
 * takes one at the start and one at the end of the measured window and reports differences.
 *
 * <ul>
 *   <li>cpu: {@code OperatingSystemMXBean.getProcessCpuTime} (user + system, all threads);
 *   <li>alloc: {@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes} — virtual
 *       threads allocate in their carrier's TLAB, so their allocations are counted (checked by
 *       ProcessStatsTest);
 *   <li>context switches: voluntary and involuntary, summed over {@code /proc/self/task/* /status}
 *       (threads that exit inside the window are lost: the harness's threads do not);
 *   <li>syscalls: {@code syscr + syscw} of {@code /proc/self/io}: read- and write-family calls
 *       (read, readv, write, writev: what NIO sockets use; epoll_wait is not counted);
 *   <li>gc: collections and their time, over the stop-the-world collectors only (beans whose
 *       name contains "Concurrent" time concurrent work, not pauses);
 *   <li>server cpu: utime + stime of {@code /proc/<pid>/stat}, in clock ticks.
 * </ul>
 * A value the platform cannot give is -1.
 */
record ProcessStats(long nanoTime, long cpuNanos, long allocatedBytes, long voluntarySwitches,
    long involuntarySwitches, long syscalls, long gcCount, long gcMillis, long serverCpuTicks) {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();

  /** Clock ticks per second of /proc stat times (getconf CLK_TCK; 100 on Linux/x86). */
  static final long CLOCK_TICKS = clockTicks();

  static ProcessStats take(long serverPid) {
    long[] switches = contextSwitches();
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : GCS) {
      if (!gc.getName().contains("Concurrent")) {
        gcCount += Math.max(0, gc.getCollectionCount());
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
    }
    return new ProcessStats(System.nanoTime(), OS.getProcessCpuTime(), THREADS.getTotalThreadAllocatedBytes(),
        switches[0], switches[1], readSyscalls(), gcCount, gcMillis, serverPid > 0 ? cpuTicks(serverPid) : -1);
  }

  private static long[] contextSwitches() {
    long voluntary = 0;
    long involuntary = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              voluntary += Long.parseLong(line.substring(24).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
              involuntary += Long.parseLong(line.substring(27).trim());
            }
          }
        } catch (IOException e) {
          // the thread exited meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
    return new long[] {voluntary, involuntary};
  }

  private static long readSyscalls() {
    try {
      long n = 0;
      for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
        if (line.startsWith("syscr:") || line.startsWith("syscw:")) {
          n += Long.parseLong(line.substring(6).trim());
        }
      }
      return n;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** utime + stime of a process, in clock ticks, or -1. */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state); utime is field 14, stime field 15
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  static long delta(long end, long start) {
    return end < 0 || start < 0 ? -1 : end - start;
  }

  /** Resident set size of this process in kB ({@code VmRSS} of /proc/self/status), or -1. */
  static long rssKilobytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * The most heap in use at once while it runs: a daemon platform thread ({@code bench-heap-sampler},
   * not a virtual thread, so that 100,000 busy virtual threads cannot starve it) reads the heap's
   * used bytes every 20 ms.
   */
  static final class HeapSampler {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    private HeapSampler() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      thread = Thread.ofPlatform().daemon().name("bench-heap-sampler").unstarted(() -> {
        while (running) {
          peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }

    static HeapSampler start() {
      HeapSampler s = new HeapSampler();
      s.thread.start();
      return s;
    }

    /** Stops sampling; returns the peak in bytes. */
    long stop() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
      return Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
  }
}
