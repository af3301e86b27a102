package org.nmt4j.translator.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/**
 * Freezes model-file format version 1: a small model written by nmt4j 0.1.0 (a 1+1-layer model
 * trained on the reverse toy task) is checked in, with its translations and log-probabilities
 * at the time. Any later nmt4j must load it and translate the same. If the format changes, bump
 * {@link ModelFile#FORMAT_VERSION}, keep reading version 1, and add a fixture for the new one.
 */
class ModelFormatFreezeTest {
  private static final String MODEL = "format-v1-reverse.nmt4j";
  private static final String EXPECTED = "format-v1-reverse.expected.tsv";

  @TempDir Path dir;

  @Test
  void version1ModelLoadsAndTranslatesAsWhenItWasWritten() throws IOException {
    Path model = copy(MODEL);
    assertEquals(1, ModelFile.readManifest(model).formatVersion());
    List<String> sources = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<Double> logProbs = new ArrayList<>();
    for (String line : resourceLines(EXPECTED)) {
      String[] f = line.split("\t");
      sources.add(f[0]);
      texts.add(f[1]);
      logProbs.add(Double.parseDouble(f[2]));
    }
    assertTrue(sources.size() >= 20, "fixture has " + sources.size() + " sentences");
    List<Translation> got = Translator.load(model).translate(sources);
    for (int i = 0; i < sources.size(); i++) {
      assertEquals(texts.get(i), got.get(i).text(), "sentence " + (i + 1) + ": " + sources.get(i));
      // printed with 4 decimals when frozen
      assertEquals(logProbs.get(i), got.get(i).logProbability(), 1e-3, "log-probability of sentence " + (i + 1));
    }
  }

  private Path copy(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.copy(in, target);
    }
    return target;
  }

  private List<String> resourceLines(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
