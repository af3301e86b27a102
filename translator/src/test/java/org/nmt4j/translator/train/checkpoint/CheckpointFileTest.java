package org.nmt4j.translator.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.translator.io.ModelFileException;

class CheckpointFileTest {
  private static Checkpoint sample() {
    INDArray w = Nd4j.linspace(DataType.FLOAT, 1, 10, 10).reshape(1, 10);
    INDArray o = Nd4j.linspace(DataType.FLOAT, -1, 20, 20).reshape(1, 20);
    TrainingState s = new TrainingState(42, 3, 7, 2.5e-4, Double.POSITIVE_INFINITY, 1, 12.5, 40, 0,
        9, 40, 77, 12.75);
    return new Checkpoint(s, "training: {seed: 77}\n", w, o);
  }

  @Test
  void roundTrip(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("checkpoint.zip");
    CheckpointFile.write(f, sample());
    Checkpoint c = CheckpointFile.read(f);
    assertEquals(sample().state(), c.state());
    assertEquals(sample().configYaml(), c.configYaml());
    assertEquals(sample().weights(), c.weights());
    assertEquals(sample().optimizerState(), c.optimizerState());
  }

  @Test
  void newerOrDamagedCheckpointsAreRefused(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("checkpoint.zip");
    CheckpointFile.write(f, sample());
    Map<String, byte[]> e = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(f.toFile())) {
      for (ZipEntry x : z.stream().toList()) {
        e.put(x.getName(), z.getInputStream(x).readAllBytes());
      }
    }
    String head = new String(e.get("checkpoint.json"), StandardCharsets.UTF_8);
    e.put("checkpoint.json", head.replace("\"format-version\" : 1", "\"format-version\" : 9")
        .getBytes(StandardCharsets.UTF_8));
    write(f, e);
    assertEquals(f + ": checkpoint format version 9 is newer than this nmt4j reads (1); upgrade nmt4j",
        assertThrows(ModelFileException.class, () -> CheckpointFile.read(f)).getMessage());

    e.put("checkpoint.json", head.getBytes(StandardCharsets.UTF_8));
    e.put("optimizer.npy", e.get("weights.npy"));
    write(f, e);
    assertEquals(f + ": optimizer.npy has shape [1, 10], expected [1, 20]",
        assertThrows(ModelFileException.class, () -> CheckpointFile.read(f)).getMessage());

    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length - 30));
    assertTrue(assertThrows(ModelFileException.class, () -> CheckpointFile.read(f)).getMessage()
        .startsWith(f + ": not a valid nmt4j checkpoint file (corrupt or truncated zip"));
  }

  private static void write(Path f, Map<String, byte[]> entries) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> x : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(x.getKey()));
        z.write(x.getValue());
        z.closeEntry();
      }
    }
    Files.write(f, bytes.toByteArray());
  }
}
