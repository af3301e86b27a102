package org.nmt4j.translator.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.nmt4j.translator.Quantization;
import org.nmt4j.translator.Translation;
import org.nmt4j.translator.Translator;

/**
 * int8 inference on a trained model (the checked-in reverse-task model of {@link
 * ModelFormatFreezeTest}): greedy translations mostly unchanged, and quantize, save, load
 * giving the same translations as quantizing on load, from a smaller file that training
 * (averaging) refuses.
 */
class Int8ModelFileTest {
  private static final String MODEL = "format-v1-reverse.nmt4j";
  private static final String EXPECTED = "format-v1-reverse.expected.tsv";

  @TempDir Path dir;

  @Test
  void greedyTranslationsMostlyUnchangedAndTheFileRoundTrips() throws IOException {
    Path model = copy(MODEL);
    List<String> sources = new ArrayList<>();
    for (String line : resourceLines(EXPECTED)) {
      sources.add(line.split("\t")[0]);
    }
    List<Translation> floats = Translator.load(model).translate(sources);
    List<Translation> int8 = Translator.load(model, Quantization.INT8).translate(sources);
    int same = 0;
    for (int i = 0; i < sources.size(); i++) {
      same += floats.get(i).text().equals(int8.get(i).text()) ? 1 : 0;
      assertEquals(floats.get(i).logProbability(), int8.get(i).logProbability(), 0.5,
          "sentence " + (i + 1));
    }
    assertTrue(same >= sources.size() * 9 / 10, same + " of " + sources.size() + " unchanged");

    Path quantized = dir.resolve("int8.nmt4j");
    TrainedModel q = TrainedModel.load(model, Quantization.INT8);
    assertTrue(q.int8());
    q.save(quantized);
    ModelManifest m = ModelFile.readManifest(quantized);
    assertTrue(m.int8());
    assertEquals(ModelFile.INT8_FORMAT_VERSION, m.formatVersion());
    assertNull(ModelFile.readManifest(model).quantization());
    assertTrue(Files.size(quantized) < Files.size(model) * 0.6,
        Files.size(quantized) + " bytes against " + Files.size(model));
    assertFalse(TrainedModel.load(model).int8(), "quantizing one copy leaves others float");

    // loaded as it is, and asked for float: int8 either way, the same translations
    for (Quantization asked : Quantization.values()) {
      TrainedModel loaded = TrainedModel.load(quantized, asked);
      assertTrue(loaded.int8());
      List<Translation> again = Translator.load(quantized, asked).translate(sources);
      for (int i = 0; i < sources.size(); i++) {
        assertEquals(int8.get(i).text(), again.get(i).text(), "sentence " + (i + 1));
        assertEquals(int8.get(i).logProbability(), again.get(i).logProbability(), 1e-5);
      }
    }
    // saved again: the same bytes and scales
    Path twice = dir.resolve("twice.nmt4j");
    TrainedModel.load(quantized).save(twice);
    assertEquals(ModelFile.read(quantized).parameters().flatValues(),
        ModelFile.read(twice).parameters().flatValues());

    ModelFileException e = assertThrows(ModelFileException.class,
        () -> WeightAveraging.average(List.of(model, quantized), dir.resolve("avg.nmt4j")));
    assertEquals(quantized + ": is an int8 model (inference only): average the float models,"
        + " then quantize the result", e.getMessage());
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
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList();
    }
  }
}
