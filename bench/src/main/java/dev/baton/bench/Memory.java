package dev.baton.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's memory as an operator would read it: the Java heap in use after a full collection
 * (jcmd, so nothing in the process has to expose it) and the resident set size from /proc.
 */
record Memory(String name, long heapBytes, long rssBytes) {
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  static Memory of(String name, long pid) {
    jcmd(pid, "GC.run");
    long heap = kilobytes(HEAP_USED, jcmd(pid, "GC.heap_info"), "heap use of " + name);
    String status;
    try {
      status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the status of " + name + " (pid " + pid + ")", e);
    }
    return new Memory(name, heap, kilobytes(RSS, status, "RSS of " + name));
  }

  String describe() {
    return String.format("%s heap %d MiB, RSS %d MiB", name, heapBytes >> 20, rssBytes >> 20);
  }

  private static long kilobytes(Pattern pattern, String text, String what) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("cannot read the " + what + " from: " + text);
    }
    return Long.parseLong(matcher.group(1)) * 1024;
  }

  private static String jcmd(long pid, String command) {
    try {
      Process process =
          new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("jcmd is needed to read heap use (it ships with the JDK)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
