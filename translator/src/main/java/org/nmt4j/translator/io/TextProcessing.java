package org.nmt4j.translator.io;

import java.util.Objects;
import org.nmt4j.tokenization.TextPipeline;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.tokenization.bpe.BpeMerges;

/**
 * How text becomes model ids and back, for both sides: tokenizers, BPE merges and vocabularies.
 * Made by the data preparation, stored in the model file, and used to translate.
 *
 * @param sourceLanguage source language code (e.g. "de", or "und")
 * @param targetLanguage target language code
 * @param sourceTokenizer the source tokenizer (its language included)
 * @param targetTokenizer the target tokenizer
 * @param sourceMerges source BPE merges, or null without subwords
 * @param targetMerges target BPE merges, or null; the same object as {@code sourceMerges} when
 *     they were learned jointly
 * @param sourceVocabulary source ids
 * @param targetVocabulary target ids (the same object as {@code sourceVocabulary} when shared)
 */
public record TextProcessing(
    String sourceLanguage,
    String targetLanguage,
    TokenizerSpec sourceTokenizer,
    TokenizerSpec targetTokenizer,
    BpeMerges sourceMerges,
    BpeMerges targetMerges,
    Vocabulary sourceVocabulary,
    Vocabulary targetVocabulary) {

  /** Checks that the required parts are present and BPE is on for both sides or neither. */
  public TextProcessing {
    Objects.requireNonNull(sourceLanguage, "sourceLanguage");
    Objects.requireNonNull(targetLanguage, "targetLanguage");
    Objects.requireNonNull(sourceTokenizer, "sourceTokenizer");
    Objects.requireNonNull(targetTokenizer, "targetTokenizer");
    Objects.requireNonNull(sourceVocabulary, "sourceVocabulary");
    Objects.requireNonNull(targetVocabulary, "targetVocabulary");
  }

  /** Whether one set of merges serves both sides. */
  public boolean jointMerges() {
    return sourceMerges != null && sourceMerges.equals(targetMerges);
  }

  /** Whether one vocabulary serves both sides. */
  public boolean sharedVocabulary() {
    return sourceVocabulary.equals(targetVocabulary);
  }

  /** Raw source text to model tokens. */
  public TextPipeline sourcePipeline() {
    return TextPipeline.of(sourceTokenizer, sourceMerges);
  }

  /** Raw target text to model tokens and back. */
  public TextPipeline targetPipeline() {
    return TextPipeline.of(targetTokenizer, targetMerges);
  }
}
