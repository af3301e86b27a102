package org.nmt4j.translator.train.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.translator.io.ModelFileException;
import org.nmt4j.translator.io.NdArrayCodec;
import org.nmt4j.translator.io.SafeZipReader;
import org.nmt4j.translator.io.ZipArchiveWriter;

/**
 * Reads and writes {@link Checkpoint}s as one zip: {@code checkpoint.json} (format, sizes and the
 * {@link TrainingState}), {@code config.yaml}, {@code weights.npy} and {@code optimizer.npy} (ND4J
 * binary arrays, stored uncompressed). Written atomically, so a crash while saving leaves the
 * previous checkpoint.
 */
public final class CheckpointFile {
  /** The format version this code writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  private static final String FORMAT = "nmt4j-checkpoint";
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private CheckpointFile() {}

  /** Writes a checkpoint atomically. */
  public static void write(Path file, Checkpoint c) throws IOException {
    write(file, c, java.util.Map.of());
  }

  /**
   * Writes a checkpoint atomically with extra named arrays that a training loop needs to resume
   * exactly (e.g. a language model's carried recurrent state), as {@code extra/NAME.npy}; read
   * them back with {@link #readExtra}.
   */
  public static void write(Path file, Checkpoint c, java.util.Map<String, INDArray> extras)
      throws IOException {
    ObjectNode head = JSON.createObjectNode();
    head.put("format", FORMAT);
    head.put("format-version", FORMAT_VERSION);
    head.put("parameters", c.weights().length());
    head.put("data-type", c.weights().dataType().name());
    head.set("state", JSON.valueToTree(c.state()));
    byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(head);
    AtomicFiles.write(file, out -> {
      try (ZipArchiveWriter zip = new ZipArchiveWriter(out)) {
        zip.putBytes("checkpoint.json", json);
        zip.putText("config.yaml", c.configYaml());
        zip.putStored("weights.npy", c.weights());
        zip.putStored("optimizer.npy", c.optimizerState());
        for (java.util.Map.Entry<String, INDArray> e : new java.util.TreeMap<>(extras).entrySet()) {
          zip.putStored("extra/" + e.getKey() + ".npy", e.getValue());
        }
      }
    });
  }

  /**
   * Reads only the config of a checkpoint (cheap: the arrays are not read), e.g. to check before
   * preparing data that a run can resume from it.
   */
  public static String readConfigYaml(Path file) {
    try (SafeZipReader zip = SafeZipReader.open(file, "nmt4j checkpoint")) {
      return zip.text("config.yaml");
    }
  }

  /**
   * Reads an extra array written by {@link #write(Path, Checkpoint, java.util.Map)}.
   *
   * @throws ModelFileException (naming the file) when it is absent or of another type or shape
   */
  public static INDArray readExtra(Path file, String name, DataType type, long... shape) {
    try (SafeZipReader zip = SafeZipReader.open(file, "nmt4j checkpoint")) {
      String entry = "extra/" + name + ".npy";
      if (!zip.has(entry)) {
        throw new ModelFileException(file + ": checkpoint has no " + entry);
      }
      return zip.read(entry, in -> NdArrayCodec.read(in, file + ": " + entry, type, shape));
    }
  }

  /**
   * Reads a checkpoint.
   *
   * @throws ModelFileException (message starting with the file name) when the file is corrupt,
   *     truncated, of a newer format or inconsistent
   */
  public static Checkpoint read(Path file) {
    try (SafeZipReader zip = SafeZipReader.open(file, "nmt4j checkpoint")) {
      JsonNode head;
      try {
        head = JSON.readTree(zip.bytes("checkpoint.json"));
      } catch (IOException e) {
        throw new ModelFileException(file + ": checkpoint.json is not valid JSON", e);
      }
      if (head == null || !FORMAT.equals(head.path("format").asText())) {
        throw new ModelFileException(file + ": not an nmt4j checkpoint (no format '" + FORMAT + "')");
      }
      int version = head.path("format-version").asInt(-1);
      if (version > FORMAT_VERSION) {
        throw new ModelFileException(file + ": checkpoint format version " + version
            + " is newer than this nmt4j reads (" + FORMAT_VERSION + "); upgrade nmt4j");
      }
      if (version < 1) {
        throw new ModelFileException(file + ": checkpoint has no valid format-version");
      }
      TrainingState state;
      try {
        state = JSON.treeToValue(head.get("state"), TrainingState.class);
      } catch (JsonProcessingException e) {
        throw new ModelFileException(file + ": checkpoint state is invalid: " + e.getOriginalMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(file + ": checkpoint state is invalid: " + e.getMessage(), e);
      }
      if (state == null) {
        throw new ModelFileException(file + ": checkpoint has no state");
      }
      long count = head.path("parameters").asLong(-1);
      DataType type;
      try {
        type = DataType.valueOf(head.path("data-type").asText());
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(file + ": checkpoint has an unknown data-type '"
            + head.path("data-type").asText() + "'");
      }
      if (count < 1) {
        throw new ModelFileException(file + ": checkpoint.json has no valid parameter count");
      }
      INDArray weights = zip.read("weights.npy",
          in -> NdArrayCodec.read(in, file + ": weights.npy", type, 1, count));
      INDArray optimizer = zip.read("optimizer.npy",
          in -> NdArrayCodec.read(in, file + ": optimizer.npy", type, 1, 2 * count));
      return new Checkpoint(state, zip.text("config.yaml"), weights, optimizer);
    }
  }
}
