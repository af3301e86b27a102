package org.nmt4j.translator.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.tokenization.io.TextFileException;
import org.nmt4j.tokenization.io.Utf8LineReader;

/**
 * The data files a training run reads, recorded in its output directory ({@value #FILE}) so that
 * a resumed run can be checked against them: a checkpoint trained on other data must not go on
 * silently with a new corpus. Each file is recorded by its flag, real path (links resolved) and
 * size; a missing flag is recorded as {@code -}.
 */
final class DataFiles {
  /** The record's file name in the output directory. */
  static final String FILE = "data-files.tsv";

  private final Map<String, String> entries;

  private DataFiles(Map<String, String> entries) {
    this.entries = entries;
  }

  /**
   * Describes the given files.
   *
   * @param files flag to file (null when the flag was not given), in the order to compare
   * @return the description
   * @throws IOException when a given file cannot be resolved
   */
  static DataFiles of(Map<String, Path> files) throws IOException {
    Map<String, String> e = new LinkedHashMap<>();
    for (Map.Entry<String, Path> f : files.entrySet()) {
      Path p = f.getValue();
      e.put(f.getKey(), p == null || !Files.exists(p) ? "-"
          : p.toRealPath() + " (" + Files.size(p) + " bytes)");
    }
    return new DataFiles(e);
  }

  /** Writes the record into {@code dir} atomically. */
  void write(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    entries.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
    AtomicFiles.writeString(dir.resolve(FILE), sb.toString());
  }

  /**
   * The first difference from the record in {@code dir}.
   *
   * @param dir the output directory
   * @return e.g. {@code --train-src is /a/x.src (10 bytes), the checkpoint's was /a/y.src (12
   *     bytes)}, or null when they agree or nothing was recorded (a run of an older version)
   */
  String firstDifference(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    Map<String, String> saved = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Utf8LineReader.readAll(file, Utf8LineReader.LineEnding.TEXT);
    } catch (TextFileException e) {
      return null;
    }
    for (String line : lines) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        saved.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    List<String> flags = new ArrayList<>(entries.keySet());
    for (String flag : flags) {
      String was = saved.get(flag);
      String now = entries.get(flag);
      if (was != null && !was.equals(now)) {
        return flag + " is " + describe(now) + ", the checkpoint's was " + describe(was);
      }
    }
    return null;
  }

  private static String describe(String entry) {
    return entry.equals("-") ? "not given" : entry;
  }
}
