package org.nmt4j.decoder.search;

import java.util.SplittableRandom;
import org.nmt4j.decoder.search.impl.StepLoop;
import org.nmt4j.decoder.search.impl.TokenSampler;

/**
 * Sampled decoding: at every step each row draws its next token from the softmax of its logits
 * divided by the temperature, truncated to the top-k tokens and then to the top-p nucleus (see
 * {@link SamplingConfig}).
 *
 * <p>Reproducible: row r draws from its own stream, seeded by the config's seed and {@code
 * request.rowKeys()[r]}, so the same sentence (and sample number) gives the same output whatever
 * batch or thread it is decoded in. To draw K samples of a sentence, give the decoder K rows of
 * it with different row keys. The hypothesis's log-probability is the model's (temperature 1,
 * untruncated), so it can be compared with greedy output and with forced-decoding scores.
 *
 * <p>Immutable and safe to share across threads.
 */
public final class SampledDecoding implements DecodingStrategy {
  private final SamplingConfig config;

  /** @param config temperature, top-k, top-p and seed */
  public SampledDecoding(SamplingConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("sampled decoding needs a sampling config");
    }
    this.config = config;
  }

  /** @return the sampling settings */
  public SamplingConfig config() {
    return config;
  }

  @Override
  public Hypothesis[] decode(StepDecoder decoder, SearchRequest request) {
    int n = request.rows();
    SplittableRandom[] streams = new SplittableRandom[n];
    for (int i = 0; i < n; i++) {
      streams[i] = new SplittableRandom(rowSeed(config.seed(), request.rowKeys()[i]));
    }
    TokenSampler sampler = new TokenSampler(decoder.vocabularySize(), config);
    return StepLoop.run(decoder, request,
        (logits, offset, vocab, max, row, banned) ->
            sampler.sample(logits, offset, max, banned, streams[row].nextDouble()));
  }

  /**
   * The seed of one row's random stream: a strong 64-bit mix of the seed and the row key, so
   * that neighbouring keys give unrelated streams.
   *
   * @param seed the user's seed
   * @param rowKey the row's key
   * @return the stream seed
   */
  static long rowSeed(long seed, long rowKey) {
    long z = seed + 0x9E3779B97F4A7C15L * (rowKey + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "sample(temperature=" + config.temperature() + ", top-k=" + config.topK()
        + ", top-p=" + config.topP() + ", seed=" + config.seed() + ")";
  }
}
