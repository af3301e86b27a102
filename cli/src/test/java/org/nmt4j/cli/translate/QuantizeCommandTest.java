package org.nmt4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.cli.CliRun;
import org.nmt4j.nn.quant.DnnlBf16;

/**
 * {@code nmt4j quantize} and {@code translate --quantize int8} on the model trained by {@code
 * nmt4j train}: the stored int8 model translates as quantizing on load does, and nearly as the
 * float model.
 */
class QuantizeCommandTest {
  @TempDir Path tmp;

  @Test
  void storedInt8ModelTranslatesLikeQuantizingOnLoad() throws Exception {
    ToyModel toy = ToyModel.get();
    Path input = tmp.resolve("in.txt");
    List<String> sources = toy.testSources.subList(0, 40);
    ToyModel.write(input, sources);
    Path int8 = tmp.resolve("int8.nmt4j");
    CliRun q = CliRun.of("quantize", "-m", toy.model.toString(), "-o", int8.toString());
    assertEquals(0, q.exitCode(), q.err());
    assertTrue(q.out().startsWith("quantized "), q.out());
    assertTrue(Files.size(int8) < Files.size(toy.model), "int8 file is smaller");

    CliRun floats = CliRun.of("translate", "-m", toy.model.toString(), "-i", input.toString());
    CliRun onLoad = CliRun.of("translate", "-m", toy.model.toString(), "-i", input.toString(),
        "--quantize", "int8");
    CliRun stored = CliRun.of("translate", "-m", int8.toString(), "-i", input.toString());
    assertEquals(0, floats.exitCode(), floats.err());
    assertEquals(0, onLoad.exitCode(), onLoad.err());
    assertEquals(onLoad.out(), stored.out());
    List<String> a = floats.out().lines().toList();
    List<String> b = onLoad.out().lines().toList();
    assertEquals(sources.size(), b.size());
    int same = 0;
    for (int i = 0; i < a.size(); i++) {
      same += a.get(i).equals(b.get(i)) ? 1 : 0;
    }
    assertTrue(same >= a.size() * 9 / 10, same + " of " + a.size() + " lines unchanged");
  }

  @Test
  void bf16TranslatesNearlyAsFloat() throws Exception {
    Assumptions.assumeTrue(DnnlBf16.available(),
        "this CPU has no bf16 instructions (AMX or AVX-512 BF16)");
    ToyModel toy = ToyModel.get();
    Path input = tmp.resolve("in.txt");
    List<String> sources = toy.testSources.subList(0, 40);
    ToyModel.write(input, sources);
    CliRun floats = CliRun.of("translate", "-m", toy.model.toString(), "-i", input.toString());
    CliRun bf16 = CliRun.of("translate", "-m", toy.model.toString(), "-i", input.toString(),
        "--quantize", "bf16");
    assertEquals(0, floats.exitCode(), floats.err());
    assertEquals(0, bf16.exitCode(), bf16.err());
    List<String> a = floats.out().lines().toList();
    List<String> b = bf16.out().lines().toList();
    assertEquals(sources.size(), b.size());
    int same = 0;
    for (int i = 0; i < a.size(); i++) {
      same += a.get(i).equals(b.get(i)) ? 1 : 0;
    }
    assertTrue(same >= a.size() * 9 / 10, same + " of " + a.size() + " lines unchanged");
  }

  @Test
  void badValuesAreOneLineErrors() throws Exception {
    ToyModel toy = ToyModel.get();
    CliRun bad = CliRun.of("translate", "-m", toy.model.toString(), "--quantize", "fp16");
    assertEquals(2, bad.exitCode());
    assertEquals(1, bad.errLines().size(), bad.err());
    assertTrue(bad.err().contains("quantization must be none, int8 or bf16, got 'fp16'"),
        bad.err());

    Path out = tmp.resolve("same.nmt4j");
    Path notAModel = tmp.resolve("x.nmt4j");
    Files.writeString(notAModel, "not a zip");
    CliRun broken = CliRun.of("quantize", "-m", notAModel.toString(), "-o", out.toString());
    assertEquals(1, broken.exitCode());
    assertEquals(1, broken.errLines().size(), broken.err());
    assertTrue(broken.err().startsWith("nmt4j quantize: error: " + notAModel), broken.err());
    assertFalse(Files.exists(out));
  }
}
