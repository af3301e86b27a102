package org.nmt4j.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nmt4j.translator.Translator;

/**
 * The toy model of the server tests: the small reverse-task model checked in for {@code
 * ModelFormatFreezeTest} (translator's test-jar), loaded once per test JVM. It reverses strings
 * of the letters a-h: "h b a b" gives "b a b h".
 */
public final class ToyTranslator {
  private static final String RESOURCE = "/org/nmt4j/translator/io/format-v1-reverse.nmt4j";
  private static Translator translator;
  private static Path file;

  private ToyTranslator() {}

  /** @return the shared translator */
  public static synchronized Translator get() {
    if (translator == null) {
      translator = Translator.load(file());
    }
    return translator;
  }

  /** @return the model file, copied out of the test-jar once */
  public static synchronized Path file() {
    if (file == null) {
      try (InputStream in = ToyTranslator.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is not on the test classpath (translator test-jar)");
        }
        Path dir = Files.createTempDirectory("nmt4j-server-test");
        dir.toFile().deleteOnExit();
        file = dir.resolve("reverse.nmt4j");
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        file.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  /**
   * @param n how many
   * @param seed the random seed
   * @return n distinct sentences of 3 to 7 letters a-h
   */
  public static List<String> sentences(int n, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      int len = 3 + random.nextInt(5);
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < len; i++) {
        s.append(i == 0 ? "" : " ").append((char) ('a' + random.nextInt(8)));
      }
      if (!out.contains(s.toString())) {
        out.add(s.toString());
      }
    }
    return out;
  }
}
