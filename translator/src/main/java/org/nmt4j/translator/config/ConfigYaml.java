package org.nmt4j.translator.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nmt4j.translator.config.yaml.YamlBinder;
import org.nmt4j.tokenization.io.AtomicFiles;

/**
 * Reads and writes {@link ExperimentConfig} as YAML with kebab-case keys:
 *
 * <pre>
 * data:     {source-lang: de, target-lang: en, source-tokenizer: lucene, bpe-merges: 8000, ...}
 * model:
 *   encoder: {cell: lstm, embedding: 256, hidden: 512, layers: 2, dropout: 0.3}
 *   decoder: {cell: lstm, embedding: 256, hidden: 512, layers: 2, dropout: 0.3,
 *             tie-embeddings: false, source-context: false}
 *   init:    {scheme: uniform, scale: 0.1, identity-recurrent: false, forget-gate-bias: true}
 * training: {batch-size: 64, learning-rate: 0.001, clip-norm: 1.0, lr-decay: {factor: 0.5}, ...}
 * </pre>
 *
 * <p>Every key is optional (missing keys keep their defaults). An unknown key, a value of the
 * wrong type or an invalid value fails with a {@link ConfigException} naming the file, line and
 * key, and for unknown keys the valid ones.
 */
public final class ConfigYaml {
  private ConfigYaml() {}

  /** Reads a YAML config file (UTF-8). */
  public static ExperimentConfig read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": invalid UTF-8");
    }
    return parse(text, file.toString());
  }

  /**
   * Parses YAML text.
   *
   * @param text the YAML document
   * @param sourceName the file name used in messages
   */
  public static ExperimentConfig parse(String text, String sourceName) {
    return YamlBinder.instance().parse(text, sourceName);
  }

  /** The config as YAML, every key written (also those at their defaults). */
  public static String toYaml(ExperimentConfig config) {
    return YamlBinder.instance().toYaml(config);
  }

  /** Writes the config as YAML atomically. */
  public static void write(ExperimentConfig config, Path file) throws IOException {
    AtomicFiles.writeString(file, toYaml(config));
  }

  /**
   * The keys whose values differ between two configs, each as {@code path: a -> b} (values in
   * JSON form), in document order; empty when they are equal.
   */
  public static List<String> differences(ExperimentConfig a, ExperimentConfig b) {
    return YamlBinder.instance().differences(a, b);
  }

  /**
   * Applies overrides in order; each one is validated as it is applied, so an error names the
   * override's origin (e.g. {@code --lr: training.learning-rate must be > 0, got -1.0}).
   */
  public static ExperimentConfig override(ExperimentConfig config, List<ConfigOverride> overrides) {
    return YamlBinder.instance().override(config, overrides);
  }
}
