package org.nmt4j.translator.io;

import org.nmt4j.tokenization.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.BackendPreload;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.ops.NativeMemory;
import org.nmt4j.nn.quant.Int8Weights;
import org.nmt4j.nn.quant.QuantizedMatrix;
import org.nmt4j.tokenization.MalformedFileException;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.tokenization.bpe.BpeMerges;
import org.nmt4j.translator.config.ConfigException;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;

/**
 * The model file {@code model.nmt4j}: one zip holding
 *
 * <ul>
 *   <li>{@code manifest.json}: {@link ModelManifest} (format version, nmt4j version, languages,
 *       date, sizes);
 *   <li>{@code config.yaml}: the effective {@link ExperimentConfig} of the training run;
 *   <li>{@code text.json}: the tokenizer spec of each side and how BPE was learned;
 *   <li>{@code vocab/source.tsv}, {@code vocab/target.tsv}: the vocabularies ({@code
 *       token<TAB>count});
 *   <li>{@code bpe/joint.merges}, or {@code bpe/source.merges} and {@code bpe/target.merges}: the
 *       BPE merges (subword-nmt format), when subwords are used;
 *   <li>{@code weights/index.json} and {@code weights/NNNNN.npy}: each parameter tensor as an ND4J
 *       binary array ({@link NdArrayCodec}, stored uncompressed), with its name and shape in the
 *       index. In an int8 file (manifest {@code quantization: int8}, written by {@code nmt4j
 *       quantize}) the quantized tensors are instead {@code weights/NNNNN.i8}, the signed bytes
 *       in row-major order, and {@code weights/NNNNN.scales.npy}, one float scale per row or per
 *       column (the index entry's {@code int8} object names the file and the axis); see {@link
 *       QuantizedMatrix}.
 * </ul>
 *
 * <p>No Java serialization: every entry is JSON, YAML, text or ND4J's NPY array format. Writing is
 * atomic. Reading checks the entry names (no {@code ..}, no absolute paths), every entry's
 * checksum, the format version (a newer one is refused), and every array's type and shape; each
 * problem is a one-line {@link ModelFileException} naming the file.
 */
public final class ModelFile {
  /** The value of the manifest's {@code format}. */
  public static final String FORMAT = "nmt4j-model";

  /** The layout version this code writes for float models. */
  public static final int FORMAT_VERSION = 1;

  /**
   * The layout version of an int8 model file, and the newest this code reads: an older nmt4j
   * refuses such a file with "upgrade nmt4j" rather than misreading its bytes.
   */
  public static final int INT8_FORMAT_VERSION = 2;

  /**
   * The manifest {@code format} of a language model file (module {@code lm}): named here so
   * that loading one as a translator says what it is.
   */
  public static final String LANGUAGE_MODEL_FORMAT = "nmt4j-language-model";

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // newer minor fields are fine

  private ModelFile() {}

  /**
   * Writes a model file atomically.
   *
   * @param file where to write (usually {@code OUT/model.nmt4j})
   * @param config the effective config of the run
   * @param text tokenizers, merges and vocabularies
   * @param parameters the weights
   * @param trainingSteps optimiser steps behind the weights
   */
  public static void write(Path file, ExperimentConfig config, TextProcessing text,
      Parameters parameters, long trainingSteps) throws IOException {
    boolean int8 = hasInt8(parameters);
    ModelManifest manifest = new ModelManifest(FORMAT, int8 ? INT8_FORMAT_VERSION : FORMAT_VERSION,
        Nmt4jVersion.get(), text.sourceLanguage(), text.targetLanguage(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), trainingSteps,
        parameters.dataType().name(), parameters.count(), text.sourceVocabulary().size(),
        text.targetVocabulary().size(), int8 ? ModelManifest.INT8 : null);
    ObjectNode textJson = JSON.createObjectNode();
    textJson.put("source-tokenizer", text.sourceTokenizer().toString());
    textJson.put("target-tokenizer", text.targetTokenizer().toString());
    textJson.put("bpe", text.sourceMerges() == null ? "none" : text.jointMerges() ? "joint" : "separate");
    String yaml = ConfigYaml.toYaml(config);
    AtomicFiles.write(file, out -> {
      try (ZipArchiveWriter zip = new ZipArchiveWriter(out)) {
        zip.putBytes("manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.putText("config.yaml", yaml);
        zip.putBytes("text.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(textJson));
        zip.put("vocab/source.tsv", o -> writeText(o, text.sourceVocabulary()::write));
        zip.put("vocab/target.tsv", o -> writeText(o, text.targetVocabulary()::write));
        if (text.jointMerges()) {
          zip.put("bpe/joint.merges", o -> writeText(o, text.sourceMerges()::write));
        } else if (text.sourceMerges() != null) {
          zip.put("bpe/source.merges", o -> writeText(o, text.sourceMerges()::write));
          zip.put("bpe/target.merges", o -> writeText(o, text.targetMerges()::write));
        }
        writeWeights(zip, parameters);
      }
    });
  }

  /**
   * Writes every tensor of {@code parameters} as {@code weights/index.json} (name, shape, entry)
   * and one stored {@code weights/NNNNN.npy} per tensor: the weight layout of every nmt4j model
   * file (translation and language models). A tensor with an int8 form ({@link Int8Weights})
   * is written as its bytes and scales instead.
   */
  public static void writeWeights(ZipArchiveWriter zip, Parameters parameters) throws IOException {
    ArrayNode index = JSON.createArrayNode();
    List<String> names = parameters.names();
    for (int i = 0; i < names.size(); i++) {
      ObjectNode e = index.addObject();
      e.put("name", names.get(i));
      ArrayNode shape = e.putArray("shape");
      for (long d : parameters.shape(names.get(i))) {
        shape.add(d);
      }
      QuantizedMatrix q = Int8Weights.of(parameters.value(names.get(i)));
      e.put("entry", q == null ? entryName(i) : int8EntryName(i));
      if (q != null) {
        ObjectNode int8 = e.putObject("int8");
        int8.put("scales", scalesEntryName(i));
        int8.put("axis", q.outputMajor() ? "rows" : "columns");
      }
    }
    zip.putBytes("weights/index.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
    for (int i = 0; i < names.size(); i++) {
      INDArray value = parameters.value(names.get(i));
      QuantizedMatrix q = Int8Weights.of(value);
      if (q == null) {
        zip.putStored(entryName(i), value);
      } else {
        zip.putStored(int8EntryName(i), q.storedValues());
        zip.putStored(scalesEntryName(i), Nd4j.createFromArray(q.scales()));
      }
    }
  }

  private static boolean hasInt8(Parameters parameters) {
    for (String name : parameters.names()) {
      if (Int8Weights.of(parameters.value(name)) != null) {
        return true;
      }
    }
    return false;
  }

  private interface TextWriter {
    void write(Writer w) throws IOException;
  }

  private static void writeText(java.io.OutputStream o, TextWriter content) throws IOException {
    Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
    content.write(w);
    w.flush();
  }

  private static String entryName(int i) {
    return String.format("weights/%05d.npy", i);
  }

  private static String int8EntryName(int i) {
    return String.format("weights/%05d.i8", i);
  }

  private static String scalesEntryName(int i) {
    return String.format("weights/%05d.scales.npy", i);
  }

  /** Reads only the manifest, after the format checks. */
  public static ModelManifest readManifest(Path file) {
    try (SafeZipReader zip = SafeZipReader.open(file, "nmt4j model")) {
      return manifest(zip);
    }
  }

  /**
   * Reads everything in a model file.
   *
   * @throws ModelFileException when the file is corrupt, truncated, of a newer format, unsafe or
   *     inconsistent
   */
  public static ModelFileContents read(Path file) {
    // ND4J and the product library load meanwhile: nothing before weights() touches them
    BackendPreload backend = BackendPreload.start();
    try (SafeZipReader zip = SafeZipReader.open(file, "nmt4j model")) {
      ModelManifest manifest = manifest(zip);
      ExperimentConfig config;
      try {
        config = ConfigYaml.parse(zip.text("config.yaml"), file + ": config.yaml");
      } catch (ConfigException e) {
        throw new ModelFileException(e.getMessage(), e);
      }
      JsonNode textJson = json(zip, "text.json");
      TokenizerSpec sourceSpec = spec(file, textJson, "source-tokenizer");
      TokenizerSpec targetSpec = spec(file, textJson, "target-tokenizer");
      Vocabulary sourceVocab = vocabulary(zip, "vocab/source.tsv");
      Vocabulary targetVocab = vocabulary(zip, "vocab/target.tsv");
      String bpe = textJson.path("bpe").asText();
      BpeMerges sourceMerges;
      BpeMerges targetMerges;
      switch (bpe) {
        case "none" -> {
          sourceMerges = null;
          targetMerges = null;
        }
        case "joint" -> {
          sourceMerges = merges(zip, "bpe/joint.merges");
          targetMerges = sourceMerges;
        }
        case "separate" -> {
          sourceMerges = merges(zip, "bpe/source.merges");
          targetMerges = merges(zip, "bpe/target.merges");
        }
        default -> throw new ModelFileException(
            file + ": text.json: bpe must be none, joint or separate, got '" + bpe + "'");
      }
      if (sourceVocab.size() != manifest.sourceVocabularySize()
          || targetVocab.size() != manifest.targetVocabularySize()) {
        throw new ModelFileException(file + ": vocabulary sizes " + sourceVocab.size() + "/"
            + targetVocab.size() + " disagree with the manifest's " + manifest.sourceVocabularySize()
            + "/" + manifest.targetVocabularySize());
      }
      TextProcessing text = new TextProcessing(manifest.sourceLanguage(), manifest.targetLanguage(),
          sourceSpec, targetSpec, sourceMerges, targetMerges, sourceVocab, targetVocab);
      backend.await();
      Parameters parameters = weights(zip, manifest);
      return new ModelFileContents(manifest, config, text, parameters);
    }
  }

  private static ModelManifest manifest(SafeZipReader zip) {
    Path file = zip.file();
    JsonNode head = json(zip, "manifest.json");
    if (LANGUAGE_MODEL_FORMAT.equals(head.path("format").asText())) {
      throw new ModelFileException(file + ": is an nmt4j language model, not a translation model"
          + " (use it with 'nmt4j lm sample', 'nmt4j lm score' or 'nmt4j inspect cells')");
    }
    if (!FORMAT.equals(head.path("format").asText())) {
      throw new ModelFileException(file + ": not an nmt4j model (manifest.json has no format '"
          + FORMAT + "')");
    }
    JsonNode v = head.get("format-version");
    if (v == null || !v.isIntegralNumber() || v.asInt() < 1) {
      throw new ModelFileException(file + ": manifest.json has no valid format-version");
    }
    if (v.asInt() > INT8_FORMAT_VERSION) {
      throw new ModelFileException(file + ": model format version " + v.asInt()
          + " is newer than this nmt4j (" + Nmt4jVersion.get() + ") reads ("
          + INT8_FORMAT_VERSION + "); upgrade nmt4j to load it");
    }
    try {
      return JSON.treeToValue(head, ModelManifest.class);
    } catch (JsonProcessingException e) {
      throw new ModelFileException(file + ": manifest.json is invalid: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode json(SafeZipReader zip, String entry) {
    byte[] bytes = zip.bytes(entry);
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isContainerNode()) {
        throw new ModelFileException(zip.file() + ": " + entry + " is not a JSON object or array");
      }
      return n;
    } catch (IOException e) {
      throw new ModelFileException(zip.file() + ": " + entry + " is not valid JSON", e);
    }
  }

  private static TokenizerSpec spec(Path file, JsonNode text, String key) {
    try {
      return TokenizerSpec.parse(text.path(key).asText());
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file + ": text.json: " + key + ": " + e.getMessage(), e);
    }
  }

  private static Vocabulary vocabulary(SafeZipReader zip, String entry) {
    return zip.read(entry, in -> {
      try {
        return Vocabulary.read(in, zip.file() + ": " + entry);
      } catch (MalformedFileException e) {
        throw new ModelFileException(e.getMessage(), e);
      }
    });
  }

  private static BpeMerges merges(SafeZipReader zip, String entry) {
    return zip.read(entry, in -> {
      try {
        return BpeMerges.read(in, zip.file() + ": " + entry);
      } catch (MalformedFileException e) {
        throw new ModelFileException(e.getMessage(), e);
      }
    });
  }

  private static Parameters weights(SafeZipReader zip, ModelManifest manifest) {
    return readWeights(zip, manifest.dataType(), manifest.parameters());
  }

  /**
   * Reads the tensors written by {@link #writeWeights}, checking their types, shapes, count and
   * finiteness; each problem is a one-line {@link ModelFileException} naming the file.
   *
   * @param dataType the element type the manifest declares (e.g. FLOAT)
   * @param count the number of scalars the manifest declares
   */
  public static Parameters readWeights(SafeZipReader zip, String dataType, long count) {
    Path file = zip.file();
    DataType type;
    try {
      type = DataType.valueOf(dataType);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file + ": unknown data type '" + dataType + "'");
    }
    JsonNode index = json(zip, "weights/index.json");
    if (!index.isArray() || index.isEmpty()) {
      throw new ModelFileException(file + ": weights/index.json lists no tensors");
    }
    Parameters.Builder b;
    try {
      b = Parameters.builder(type);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file + ": " + e.getMessage(), e);
    }
    List<String> names = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    List<JsonNode> int8 = new ArrayList<>();
    for (JsonNode e : index) {
      String name = e.path("name").asText("");
      JsonNode shapeNode = e.path("shape");
      long[] shape = new long[shapeNode.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shapeNode.get(i).asLong();
      }
      try {
        b.add(name, shape);
      } catch (IllegalArgumentException ex) {
        throw new ModelFileException(file + ": weights/index.json: " + ex.getMessage(), ex);
      }
      names.add(name);
      entries.add(e.path("entry").asText(""));
      int8.add(e.get("int8"));
    }
    Parameters p = b.build();
    if (p.count() != count) {
      throw new ModelFileException(file + ": weights hold " + p.count()
          + " values, the manifest says " + count);
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (int8.get(i) != null) {
        readInt8(zip, name, entries.get(i), int8.get(i), type, p);
        continue;
      }
      String what = file + ": weights '" + name + "'";
      INDArray value = p.value(name);
      // straight into the parameter's place in the flat buffer (no second copy)
      zip.read(entries.get(i), in -> {
        NdArrayCodec.readInto(in, what, value);
        return value;
      });
      checkFinite(file, name, value);
    }
    return p;
  }

  /**
   * Reads an int8 tensor: its value becomes what the bytes stand for, and the tensor's int8 form
   * is registered ({@link Int8Weights}) so that products read the bytes.
   */
  private static void readInt8(SafeZipReader zip, String name, String entry, JsonNode int8,
      DataType type, Parameters p) {
    Path file = zip.file();
    String what = file + ": weights '" + name + "'";
    String axis = int8.path("axis").asText("");
    if (!axis.equals("rows") && !axis.equals("columns")) {
      throw new ModelFileException(what + ": int8 axis must be rows or columns, got '" + axis
          + "'");
    }
    long[] shape = p.shape(name);
    if (type != DataType.FLOAT || shape.length != 2) {
      throw new ModelFileException(what + ": int8 weights must be a FLOAT matrix, not " + type
          + " " + java.util.Arrays.toString(shape));
    }
    boolean outputMajor = axis.equals("rows");
    long outputs = outputMajor ? shape[0] : shape[1];
    byte[] bytes = zip.bytes(entry);
    INDArray scales = NdArrayCodec.decode(zip.bytes(int8.path("scales").asText("")),
        what + " scales", DataType.FLOAT, outputs);
    QuantizedMatrix q;
    try {
      q = QuantizedMatrix.of(shape, outputMajor, bytes, scales.toFloatVector());
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(what + ": " + e.getMessage(), e);
    }
    INDArray value = p.value(name);
    q.writeDequantized(value);
    try {
      Int8Weights.register(value, q);
    } catch (IllegalStateException e) {
      throw new ModelFileException(file + ": is an int8 model, which " + e.getMessage(), e);
    }
  }

  /** A NaN or infinite weight would only show as garbage output later: refuse it here. */
  private static void checkFinite(Path file, String name, INDArray a) {
    // a chunk at a time through a Java array (the whole tensor as double[] cost 0.2 s for a
    // model of 18M parameters)
    long n = a.length();
    boolean isFloat = a.dataType() == DataType.FLOAT;
    int chunk = (int) Math.min(n, 1 << 16);
    float[] floats = isFloat ? new float[chunk] : null;
    double[] doubles = isFloat ? null : new double[chunk];
    for (long start = 0; start < n; start += chunk) {
      int len = (int) Math.min(chunk, n - start);
      int bad = -1;
      if (isFloat) {
        NativeMemory.read(a, start, floats, 0, len);
        for (int k = 0; k < len && bad < 0; k++) {
          bad = Float.isFinite(floats[k]) ? -1 : k;
        }
      } else {
        NativeMemory.read(a, start, doubles, 0, len);
        for (int k = 0; k < len && bad < 0; k++) {
          bad = Double.isFinite(doubles[k]) ? -1 : k;
        }
      }
      if (bad >= 0) {
        double value = isFloat ? floats[bad] : doubles[bad];
        throw new ModelFileException(file + ": tensor '" + name + "' holds a non-finite weight ("
            + value + " at flat index " + (start + bad) + "); the model is broken (was it saved "
            + "from a diverged run?)");
      }
    }
  }
}
