package org.nmt4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.cli.translate.ToyModels;
import org.nmt4j.translator.Translator;

/** Runs the embedding example against a trained model and checks what it printed. */
class TranslateExampleTest {
  @Test
  void theExampleRunsAndPrintsTranslations() throws Exception {
    String model = ToyModels.trainedModel().toString();
    PrintStream saved = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      TranslateExample.main(new String[] {model, "à é î", "ö ü", "ß ж λ à"});
    } finally {
      System.setOut(saved);
    }
    List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(1 + 3 + 3 + 2, lines.size(), String.join("\n", lines));
    Translator translator = Translator.load(java.nio.file.Path.of(model));
    assertEquals(translator.translate("à é î").text(), lines.get(0).split("\t")[0]);
    assertEquals(translator.translate("ö ü").text(), lines.get(2));
    assertEquals(3, lines.get(4).split(" \\| ").length);
    assertEquals("3 translations", lines.get(7));
    assertTrue(Double.parseDouble(lines.get(0).split("\t")[1]) < 0);
  }

  @Test
  void theFileExampleWritesOneTranslationPerLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String model = ToyModels.trainedModel().toString();
    java.nio.file.Path in = dir.resolve("in.txt");
    java.nio.file.Path out = dir.resolve("out.txt");
    java.nio.file.Files.write(in, List.of("à é î", "ö ü", "ß ж λ à"), StandardCharsets.UTF_8);
    TranslateFileExample.main(new String[] {model.toString(), in.toString(), out.toString()});
    Translator translator = Translator.load(java.nio.file.Path.of(model));
    List<String> expected = translator.translate(List.of("à é î", "ö ü", "ß ж λ à")).stream()
        .map(org.nmt4j.translator.Translation::text).toList();
    assertEquals(expected, java.nio.file.Files.readAllLines(out, StandardCharsets.UTF_8));
  }
}
