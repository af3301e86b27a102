package org.nmt4j.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The {@code --json} output of the bench commands: one JSON object on one line, its keys the
 * names of the figures the text output prints (e.g. {@code train_tok_per_s}), numbers as
 * numbers, so that a script needs no parsing of its own.
 */
public final class BenchJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BenchJson() {}

  /** Prints {@code figures} (insertion order kept, e.g. a LinkedHashMap) as one JSON line. */
  public static void print(PrintWriter out, Map<String, ?> figures) {
    try {
      out.println(MAPPER.writeValueAsString(figures));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("benchmark figures not writable as JSON", e);
    }
    out.flush();
  }
}
