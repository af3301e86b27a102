package org.nmt4j.server.client;

import java.util.List;

/**
 * One translation as the server returns it.
 *
 * @param text the translation
 * @param logProbability its natural-log probability under the model
 * @param complete whether the model ended it itself (false: cut at the maximum length)
 * @param tokens the model's output tokens
 * @param samples every sample when {@code n_samples} > 1 (this translation is the first); empty
 *     otherwise
 */
public record RemoteTranslation(
    String text, double logProbability, boolean complete, List<String> tokens,
    List<RemoteTranslation> samples) {

  /** Makes the lists unmodifiable copies. */
  public RemoteTranslation {
    tokens = List.copyOf(tokens);
    samples = List.copyOf(samples);
  }
}
