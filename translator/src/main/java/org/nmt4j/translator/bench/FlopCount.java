package org.nmt4j.translator.bench;

import org.nmt4j.corpora.batch.Batch;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.translator.model.ModelConfig;

/**
 * The floating-point operations of a model's weight products, counted from its configuration and
 * the real token counts of the work: what the GFLOP/s figures of {@code nmt4j bench train} and
 * {@code bench translate} divide by their wall time.
 *
 * <p>A product {@code [m, k] x [k, n]} counts {@code 2 m n k}. Counted per real position (padding
 * is not useful work, so the figures are a slight undercount of what the libraries run), per
 * weight product of the model:
 *
 * <ul>
 *   <li>encoder, per source token (its {@code </s>} included), per layer and direction: the input
 *       projection {@code [1, in] x [in, G*He]} ({@code in} the embedding for the first layer,
 *       {@code 2 He} above) and the recurrent product {@code [1, He] x [He, G*He]}, with G the
 *       cell's gate count (LSTM 4, GRU 3, RNN 1);
 *   <li>bridge, per sentence and decoder layer: {@code [1, 2He] x [2He, Hd]} for h0 and, for an
 *       LSTM decoder, the same again for c0;
 *   <li>decoder, per target position: each layer's input projection and recurrent product, the
 *       first layer's input being the embedding (plus the source context where configured), and
 *       the output layer {@code [1, Hd] x [Hd, V]};
 *   <li>with a source context, per sentence: its logit term {@code [1, Hd] x [Hd, V]} (and, when
 *       decoding, its share of the first layer's input projection, computed once).
 * </ul>
 *
 * <p>Training runs every forward product and, backward, two products of the same size for each
 * (the gradients of its weight and of its input): three times the forward count. Decoding gathers
 * the input projections of embedding-fed layers from precomputed tables ({@code
 * nn.recurrent.InputProjection}), so those are not counted there. Bias broadcasts (rank-1
 * products, under 0.2% at the standard size) and the elementwise work are not counted.
 *
 * @param config the model's shape
 * @param targetVocabulary V, the output layer's width
 */
public record FlopCount(ModelConfig config, int targetVocabulary) {
  /** Checks the vocabulary. */
  public FlopCount {
    if (targetVocabulary < 1) {
      throw new IllegalArgumentException("target vocabulary must be >= 1, got "
          + targetVocabulary);
    }
  }

  /**
   * Operations of one training step on {@code batch}: forward and backward.
   *
   * @return 3 x {@link #forward} of the batch's real source tokens, target positions and pairs
   */
  public long trainingStep(Batch batch) {
    long sourceTokens = 0;
    for (int l : batch.sourceLengths()) {
      sourceTokens += l;
    }
    return 3 * forward(sourceTokens, batch.targetTokens(), batch.size());
  }

  /**
   * Operations of a teacher-forced forward pass (every product computed, no tables).
   *
   * @param sourceTokens real source tokens, each sentence's {@code </s>} included
   * @param targetPositions real predicted target positions
   * @param sentences sentence pairs
   */
  public long forward(long sourceTokens, long targetPositions, long sentences) {
    EncoderConfig e = config.encoder();
    DecoderConfig d = config.decoder();
    long encoder = sourceTokens * 2 * encoderLayerFlops(e.embeddingSize(), true);
    for (int l = 1; l < e.layers(); l++) {
      encoder += sourceTokens * 2 * encoderLayerFlops(2L * e.hiddenSize(), true);
    }
    int firstInput = d.embeddingSize() + (d.sourceContext() ? d.hiddenSize() : 0);
    long decoder = targetPositions * (decoderLayerFlops(firstInput, true)
        + (d.layers() - 1) * decoderLayerFlops(d.hiddenSize(), true) + outputFlops());
    return encoder + sentences * (bridgeFlops() + contextLogitFlops()) + decoder;
  }

  /**
   * Operations of greedy (or sampled) decoding: the encoder once over the sources, the bridge,
   * and {@code steps} decoder steps, the embedding-fed input projections read from tables.
   *
   * @param sourceTokens real source tokens, each sentence's {@code </s>} included
   * @param steps decoder steps summed over the sentences (each step predicts one token of one
   *     sentence)
   * @param sentences sentences decoded
   */
  public long decoding(long sourceTokens, long steps, long sentences) {
    EncoderConfig e = config.encoder();
    DecoderConfig d = config.decoder();
    long encoder = sourceTokens * 2 * encoderLayerFlops(e.embeddingSize(), false);
    for (int l = 1; l < e.layers(); l++) {
      encoder += sourceTokens * 2 * encoderLayerFlops(2L * e.hiddenSize(), true);
    }
    long perSentence = bridgeFlops() + contextLogitFlops();
    if (d.sourceContext()) {
      perSentence += product(d.hiddenSize(), gateWidth(d));
    }
    long decoder = steps * (decoderLayerFlops(0, false)
        + (d.layers() - 1) * decoderLayerFlops(d.hiddenSize(), true) + outputFlops());
    return encoder + sentences * perSentence + decoder;
  }

  /** One encoder direction's layer, per token: input projection (when run) and recurrence. */
  private long encoderLayerFlops(long input, boolean inputProduct) {
    EncoderConfig e = config.encoder();
    long gates = (long) e.cellType().gates() * e.hiddenSize();
    return (inputProduct ? product(input, gates) : 0) + product(e.hiddenSize(), gates);
  }

  /** One decoder layer, per position: input projection of {@code input} columns and recurrence. */
  private long decoderLayerFlops(long input, boolean inputProduct) {
    DecoderConfig d = config.decoder();
    long gates = gateWidth(d);
    return (inputProduct ? product(input, gates) : 0) + product(d.hiddenSize(), gates);
  }

  private long outputFlops() {
    return product(config.decoder().hiddenSize(), targetVocabulary);
  }

  private long contextLogitFlops() {
    return config.decoder().sourceContext() ? outputFlops() : 0;
  }

  /** Per sentence: h0 (and c0 for an LSTM decoder) of every decoder layer. */
  private long bridgeFlops() {
    DecoderConfig d = config.decoder();
    long one = product(2L * config.encoder().hiddenSize(), d.hiddenSize());
    return d.layers() * one * (d.cellType().hasCellState() ? 2 : 1);
  }

  private static long gateWidth(DecoderConfig d) {
    return (long) d.cellType().gates() * d.hiddenSize();
  }

  /** {@code 2 k n}: one row through a [k, n] weight. */
  private static long product(long k, long n) {
    return 2 * k * n;
  }
}
