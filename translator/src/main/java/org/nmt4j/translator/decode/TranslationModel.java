package org.nmt4j.translator.decode;

import java.util.List;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.decoder.search.StepDecoder;

/**
 * What translation needs of a loaded model: the text pipelines of both sides and a way to start
 * step-by-step decoding of a batch of sources.
 *
 * <p>Implementations are immutable (the weights are only read) and safe to call from many
 * threads at once; every {@link #startDecoding} returns a fresh decoder with its own buffers.
 */
public interface TranslationModel {
  /**
   * @param text one source sentence
   * @return its model tokens (after tokenization and any subword split); empty for blank text
   */
  List<String> sourceTokens(String text);

  /**
   * @param tokens source model tokens
   * @return their ids (unknown tokens get the {@code <unk>} id)
   */
  int[] sourceIds(List<String> tokens);

  /**
   * @param text one target sentence, for scoring
   * @return the ids of its model tokens (without {@code <s>} and {@code </s>})
   */
  int[] targetIds(String text);

  /**
   * @param ids target ids emitted by the decoder
   * @return their tokens
   */
  List<String> targetTokens(int[] ids);

  /**
   * @param tokens target model tokens
   * @return natural text (subwords joined, detokenized)
   */
  String detokenizeTarget(List<String> tokens);

  /**
   * Encodes a source-only batch once and seeds one decoder row per sentence.
   *
   * @param sources the padded source ids
   * @return a decoder with {@code sources.size()} rows (row b: sentence b), no step taken
   */
  StepDecoder startDecoding(SourceBatch sources);
}
