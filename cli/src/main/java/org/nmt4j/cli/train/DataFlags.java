package org.nmt4j.cli.train;

import java.nio.file.Path;
import java.util.List;
import org.nmt4j.translator.config.ConfigOverride;
import picocli.CommandLine.Option;

/**
 * Tokenizer, subword and vocabulary flags shared by {@code nmt4j train} and {@code nmt4j vocab};
 * each given flag overrides one field of the {@code data} config section.
 */
public final class DataFlags {
  @Option(names = "--tokenizer", paramLabel = "SPEC", description = "Tokenizer of both sides: corenlp, lucene, char or whitespace, with options, e.g. lucene,lowercase (default: ${bundle:default.data.source-tokenizer}).")
  String tokenizer;

  @Option(names = "--src-tokenizer", paramLabel = "SPEC", description = "Tokenizer of the source side (default: --tokenizer).")
  String sourceTokenizer;

  @Option(names = "--tgt-tokenizer", paramLabel = "SPEC", description = "Tokenizer of the target side (default: --tokenizer).")
  String targetTokenizer;

  @Option(names = "--src-lang", paramLabel = "LANG", description = "Source language code, e.g. de (default: ${bundle:default.data.source-lang}).")
  String sourceLang;

  @Option(names = "--tgt-lang", paramLabel = "LANG", description = "Target language code, e.g. en (default: ${bundle:default.data.target-lang}).")
  String targetLang;

  @Option(names = "--bpe-merges", paramLabel = "N", description = "BPE merges learned on the training data (0: whole tokens) (default: ${bundle:default.data.bpe-merges}).")
  Integer bpeMerges;

  @Option(names = "--bpe-separate", description = "Learn BPE per side instead of jointly.")
  Boolean bpeSeparate;

  @Option(names = "--min-freq", paramLabel = "N", description = "Least count of a vocabulary entry (default: ${bundle:default.data.min-freq}).")
  Integer minFreq;

  @Option(names = "--max-size", paramLabel = "N", description = "Largest vocabulary size, specials included (0: no limit) (default: ${bundle:default.data.max-size}).")
  Integer maxSize;

  @Option(names = {"--shared-vocab", "--shared"}, description = "One vocabulary for both sides.")
  Boolean sharedVocab;

  @Option(names = "--max-length", paramLabel = "N", description = "Drop training pairs with more tokens on a side (0: keep all) (default: ${bundle:default.data.max-length}).")
  Integer maxLength;

  @Option(names = "--src-vocab", paramLabel = "FILE", description = "Prebuilt source vocabulary (token<TAB>count), with --tgt-vocab (default: built from the training data).")
  Path sourceVocab;

  @Option(names = "--tgt-vocab", paramLabel = "FILE", description = "Prebuilt target vocabulary, with --src-vocab (default: built from the training data).")
  Path targetVocab;

  /** Appends the given flags as overrides of {@code data.*} config fields. */
  public void addOverrides(List<ConfigOverride> o) {
    add(o, "data.source-tokenizer", tokenizer, "--tokenizer");
    add(o, "data.target-tokenizer", tokenizer, "--tokenizer");
    add(o, "data.source-tokenizer", sourceTokenizer, "--src-tokenizer");
    add(o, "data.target-tokenizer", targetTokenizer, "--tgt-tokenizer");
    add(o, "data.source-lang", sourceLang, "--src-lang");
    add(o, "data.target-lang", targetLang, "--tgt-lang");
    add(o, "data.bpe-merges", bpeMerges, "--bpe-merges");
    add(o, "data.bpe-joint", bpeSeparate == null ? null : !bpeSeparate, "--bpe-separate");
    add(o, "data.min-freq", minFreq, "--min-freq");
    add(o, "data.max-size", maxSize, "--max-size");
    add(o, "data.shared-vocab", sharedVocab, "--shared-vocab");
    add(o, "data.max-length", maxLength, "--max-length");
    add(o, "data.source-vocab", sourceVocab == null ? null : sourceVocab.toString(), "--src-vocab");
    add(o, "data.target-vocab", targetVocab == null ? null : targetVocab.toString(), "--tgt-vocab");
  }

  /** Appends an override when the flag was given. */
  static void add(List<ConfigOverride> o, String path, Object value, String flag) {
    if (value != null) {
      o.add(new ConfigOverride(path, value, flag));
    }
  }
}
