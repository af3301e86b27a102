package org.nmt4j.lm.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.nmt4j.lm.data.LmText;
import org.nmt4j.lm.model.LmConfig;
import org.nmt4j.lm.model.RnnLanguageModel;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.recurrent.CellType;
import org.nmt4j.tokenization.MalformedFileException;
import org.nmt4j.tokenization.Tokenizers;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.tokenization.io.AtomicFiles;
import org.nmt4j.translator.io.ModelFile;
import org.nmt4j.translator.io.ModelFileException;
import org.nmt4j.translator.io.Nmt4jVersion;
import org.nmt4j.translator.io.SafeZipReader;
import org.nmt4j.translator.io.ZipArchiveWriter;

/**
 * A language model file ({@code .nmt4j}, a zip like a translation model file, with the same
 * weight layout and checks, {@link ModelFile#writeWeights}): {@code manifest.json} whose {@code
 * format} is {@value ModelFile#LANGUAGE_MODEL_FORMAT} (so the translator refuses it in one line,
 * and this reader refuses a translation model), {@code lm.json} (architecture and tokenizer),
 * {@code vocab.tsv}, {@code bpe.merges} (subword-nmt format, with BPE only) and {@code
 * weights/}. Written atomically.
 */
public final class LmModelFile {
  /** The layout version this code writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private LmModelFile() {}

  /** What a language model file holds. */
  public record Contents(LmConfig config, LmText text, Parameters parameters, long steps) {
    /** The model bound to the weights. */
    public RnnLanguageModel model() {
      return new RnnLanguageModel(config, text.vocabulary().size(), parameters);
    }
  }

  /** The architecture as {@code lm.json} content. */
  public static ObjectNode configJson(LmConfig config, TokenizerSpec tokenizer, int bpeMerges) {
    ObjectNode c = JSON.createObjectNode();
    c.put("cell", config.cell().id());
    c.put("layers", config.layers());
    c.put("hidden", config.hidden());
    c.put("embedding", config.embedding());
    c.put("dropout", config.dropout());
    c.put("tokenizer", tokenizer.toString());
    c.put("bpe-merges", bpeMerges);
    return c;
  }

  /** Writes a language model file atomically. */
  public static void write(Path file, LmConfig config, LmText text, Parameters parameters,
      long steps) throws IOException {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format", ModelFile.LANGUAGE_MODEL_FORMAT);
    manifest.put("format-version", FORMAT_VERSION);
    manifest.put("nmt4j-version", Nmt4jVersion.get());
    manifest.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    manifest.put("training-steps", steps);
    manifest.put("data-type", parameters.dataType().name());
    manifest.put("parameters", parameters.count());
    manifest.put("vocabulary-size", text.vocabulary().size());
    ObjectNode lm = configJson(config, text.tokenizer().spec(),
        text.merges() == null ? 0 : text.merges().size());
    AtomicFiles.write(file, out -> {
      try (ZipArchiveWriter zip = new ZipArchiveWriter(out)) {
        zip.putBytes("manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.putBytes("lm.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(lm));
        zip.put("vocab.tsv", o -> {
          Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
          text.vocabulary().write(w);
          w.flush();
        });
        if (text.merges() != null) {
          zip.put("bpe.merges", o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            text.merges().write(w);
            w.flush();
          });
        }
        ModelFile.writeWeights(zip, parameters);
      }
    });
  }

  /** Whether a file is a language model (reads only its manifest; false for anything else). */
  public static boolean isLanguageModel(Path file) {
    try (SafeZipReader zip = SafeZipReader.open(file, "nmt4j model")) {
      return ModelFile.LANGUAGE_MODEL_FORMAT.equals(json(zip, "manifest.json").path("format").asText());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Reads a language model file.
   *
   * @throws ModelFileException (one line naming the file) when it is not a language model, is of
   *     a newer format, or is corrupt
   */
  public static Contents read(Path file) {
    try (SafeZipReader zip = SafeZipReader.open(file, "nmt4j language model")) {
      JsonNode manifest = json(zip, "manifest.json");
      String format = manifest.path("format").asText();
      if (ModelFile.FORMAT.equals(format)) {
        throw new ModelFileException(file + ": is an nmt4j translation model, not a language model"
            + " (use it with 'nmt4j translate'; 'nmt4j inspect cells' takes it with --side)");
      }
      if (!ModelFile.LANGUAGE_MODEL_FORMAT.equals(format)) {
        throw new ModelFileException(file + ": not an nmt4j language model (manifest.json has no"
            + " format '" + ModelFile.LANGUAGE_MODEL_FORMAT + "')");
      }
      int version = manifest.path("format-version").asInt(-1);
      if (version < 1) {
        throw new ModelFileException(file + ": manifest.json has no valid format-version");
      }
      if (version > FORMAT_VERSION) {
        throw new ModelFileException(file + ": language model format version " + version
            + " is newer than this nmt4j reads (" + FORMAT_VERSION + "); upgrade nmt4j");
      }
      JsonNode lm = json(zip, "lm.json");
      LmConfig config;
      TokenizerSpec spec;
      try {
        config = new LmConfig(CellType.of("cell", lm.path("cell").asText()),
            lm.path("layers").asInt(), lm.path("hidden").asInt(), lm.path("embedding").asInt(),
            lm.path("dropout").asDouble());
        spec = TokenizerSpec.parse(lm.path("tokenizer").asText());
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(file + ": lm.json: " + e.getMessage(), e);
      }
      Vocabulary vocabulary = zip.read("vocab.tsv", in -> {
        try {
          return Vocabulary.read(in, file + ": vocab.tsv");
        } catch (MalformedFileException e) {
          throw new ModelFileException(e.getMessage(), e);
        }
      });
      if (vocabulary.size() != manifest.path("vocabulary-size").asInt()) {
        throw new ModelFileException(file + ": vocab.tsv has " + vocabulary.size()
            + " entries, the manifest says " + manifest.path("vocabulary-size").asInt());
      }
      org.nmt4j.tokenization.bpe.BpeCodec bpe = null;
      if (zip.has("bpe.merges")) {
        bpe = new org.nmt4j.tokenization.bpe.BpeCodec(zip.read("bpe.merges", in -> {
          try {
            return org.nmt4j.tokenization.bpe.BpeMerges.read(in, file + ": bpe.merges");
          } catch (MalformedFileException e) {
            throw new ModelFileException(e.getMessage(), e);
          }
        }));
      }
      Parameters parameters = ModelFile.readWeights(zip, manifest.path("data-type").asText(),
          manifest.path("parameters").asLong());
      Parameters expected = RnnLanguageModel.declare(config, vocabulary.size(),
          parameters.dataType());
      if (!expected.names().equals(parameters.names()) || expected.count() != parameters.count()) {
        throw new ModelFileException(file + ": the weights do not match the architecture in lm.json");
      }
      return new Contents(config, new LmText(Tokenizers.create(spec), bpe, vocabulary), parameters,
          manifest.path("training-steps").asLong());
    }
  }

  private static JsonNode json(SafeZipReader zip, String entry) {
    try {
      JsonNode n = JSON.readTree(zip.bytes(entry));
      if (n == null || !n.isObject()) {
        throw new ModelFileException(zip.file() + ": " + entry + " is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new ModelFileException(zip.file() + ": " + entry + " is not valid JSON", e);
    }
  }
}
