package org.nmt4j.translator.bench;

import java.util.ArrayList;
import java.util.List;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.translator.model.ModelConfig;

/**
 * The weight products a model makes, with their shapes and counts, for batches whose sentences
 * all have the same lengths: one training step, or one decoded batch. They follow the layers'
 * calls ({@code nn.recurrent.RecurrentLayer}, {@code BackwardThroughTime}, {@code
 * decoder.Bridge}, {@code decoder.OutputLayer}): input projections of all positions at once, one
 * recurrent product per step, per-gate products backward (the input gradients and dh by a
 * transposed copy of the input and recurrent weights), a bidirectional layer's input read in
 * two parts, the bridge per direction half. Their operations add up to {@link FlopCount}'s.
 *
 * <p>For {@code nmt4j bench gemm}, which times each shape on its own: the speed the product
 * library reaches at the sizes the model actually uses, next to its peak on large squares.
 */
public final class ProductShapes {
  private ProductShapes() {}

  /**
   * One training step: forward, then the gradients of every product's weight and input.
   *
   * @param batch sentence pairs B
   * @param sourceLength S, source tokens per sentence ({@code </s>} included)
   * @param targetLength T, predicted target positions per sentence
   */
  public static List<ProductShape> training(ModelConfig config, int targetVocabulary, int batch,
      int sourceLength, int targetLength) {
    EncoderConfig e = config.encoder();
    DecoderConfig d = config.decoder();
    int ge = e.cellType().gates();
    int he = e.hiddenSize();
    int gd = d.cellType().gates();
    int hd = d.hiddenSize();
    int sb = sourceLength * batch;
    int tb = targetLength * batch;
    List<ProductShape> s = new ArrayList<>();
    // encoder: two directions per layer
    s.add(new ProductShape("encoder.l0.input", sb, ge * he, e.embeddingSize(), false, false, 2));
    s.add(new ProductShape("encoder.l0.input.dW", e.embeddingSize(), he, sb, true, false, 2L * ge));
    s.add(new ProductShape("encoder.l0.input.dx", sb, e.embeddingSize(), he, false, false, 2L * ge));
    if (e.layers() > 1) {
      long parts = 2L * 2 * (e.layers() - 1);
      s.add(new ProductShape("encoder.upper.input", sb, ge * he, he, false, false, parts));
      s.add(new ProductShape("encoder.upper.input.dW", he, he, sb, true, false, parts * ge));
      s.add(new ProductShape("encoder.upper.input.dx", sb, he, he, false, false, parts * ge));
    }
    long encoderSteps = 2L * e.layers() * sourceLength;
    s.add(new ProductShape("encoder.recurrent", batch, ge * he, he, false, false, encoderSteps));
    // the input gradients read a transposed copy of Wx, backward through time one of Wh
    // (BackwardThroughTime)
    s.add(new ProductShape("encoder.recurrent.dh", batch, he, he, false, false, encoderSteps * ge));
    s.add(new ProductShape("encoder.recurrent.dW", he, he, sb, true, false, 2L * e.layers() * ge));
    // bridge: h0 (and c0) of each decoder layer from the two directions' halves
    long halves = 2L * d.layers() * (d.cellType().hasCellState() ? 2 : 1);
    s.add(new ProductShape("bridge", batch, hd, he, false, false, halves));
    s.add(new ProductShape("bridge.dW", he, hd, batch, true, false, halves));
    s.add(new ProductShape("bridge.dx", batch, he, hd, false, true, halves));
    // decoder
    s.add(new ProductShape("decoder.l0.input", tb, gd * hd, d.embeddingSize(), false, false, 1));
    s.add(new ProductShape("decoder.l0.input.dW", d.embeddingSize(), hd, tb, true, false, gd));
    s.add(new ProductShape("decoder.l0.input.dx", tb, d.embeddingSize(), hd, false, false, gd));
    if (d.sourceContext()) {
      s.add(new ProductShape("decoder.l0.context", tb, gd * hd, hd, false, false, 1));
      s.add(new ProductShape("decoder.l0.context.dW", hd, hd, tb, true, false, gd));
      s.add(new ProductShape("decoder.l0.context.dx", tb, hd, hd, false, false, gd));
    }
    if (d.layers() > 1) {
      long upper = d.layers() - 1;
      s.add(new ProductShape("decoder.upper.input", tb, gd * hd, hd, false, false, upper));
      s.add(new ProductShape("decoder.upper.input.dW", hd, hd, tb, true, false, upper * gd));
      s.add(new ProductShape("decoder.upper.input.dx", tb, hd, hd, false, false, upper * gd));
    }
    long decoderSteps = (long) d.layers() * targetLength;
    s.add(new ProductShape("decoder.recurrent", batch, gd * hd, hd, false, false, decoderSteps));
    s.add(new ProductShape("decoder.recurrent.dh", batch, hd, hd, false, false, decoderSteps * gd));
    s.add(new ProductShape("decoder.recurrent.dW", hd, hd, tb, true, false, (long) d.layers() * gd));
    // output layer, W [V, Hd] read transposed
    s.add(new ProductShape("output", tb, targetVocabulary, hd, false, true, 1));
    s.add(new ProductShape("output.dW", targetVocabulary, hd, tb, true, false, 1));
    s.add(new ProductShape("output.dx", tb, hd, targetVocabulary, false, false, 1));
    if (d.sourceContext()) {
      s.add(new ProductShape("output.context", batch, targetVocabulary, hd, false, true, 1));
      s.add(new ProductShape("output.context.dW", targetVocabulary, hd, batch, true, false, 1));
      s.add(new ProductShape("output.context.dx", batch, hd, targetVocabulary, false, false, 1));
    }
    return s;
  }

  /**
   * One batch of greedy decoding: the encoder over the sources, the bridge, and {@code steps}
   * decoder steps; the embedding-fed input projections come from tables (no product), and the
   * output layer reads its transposed copy [Hd, V].
   *
   * @param batch sentences B
   * @param sourceLength S, source tokens per sentence ({@code </s>} included)
   * @param steps decoder steps (output tokens) per sentence
   */
  public static List<ProductShape> decoding(ModelConfig config, int targetVocabulary, int batch,
      int sourceLength, int steps) {
    EncoderConfig e = config.encoder();
    DecoderConfig d = config.decoder();
    int ge = e.cellType().gates();
    int he = e.hiddenSize();
    int gd = d.cellType().gates();
    int hd = d.hiddenSize();
    List<ProductShape> s = new ArrayList<>();
    if (e.layers() > 1) {
      s.add(new ProductShape("encoder.upper.input", sourceLength * batch, ge * he, he, false,
          false, 2L * 2 * (e.layers() - 1)));
    }
    s.add(new ProductShape("encoder.recurrent", batch, ge * he, he, false, false,
        2L * e.layers() * sourceLength));
    s.add(new ProductShape("bridge", batch, hd, he, false, false,
        2L * d.layers() * (d.cellType().hasCellState() ? 2 : 1)));
    if (d.sourceContext()) {
      s.add(new ProductShape("decoder.l0.context", batch, gd * hd, hd, false, false, 1));
      s.add(new ProductShape("output.context", batch, targetVocabulary, hd, false, true, 1));
    }
    if (d.layers() > 1) {
      s.add(new ProductShape("decoder.upper.input", batch, gd * hd, hd, false, false,
          (long) (d.layers() - 1) * steps));
    }
    s.add(new ProductShape("decoder.recurrent", batch, gd * hd, hd, false, false,
        (long) d.layers() * steps));
    s.add(new ProductShape("decoder.output", batch, targetVocabulary, hd, false, false, steps));
    return s;
  }

  /** Operations of all the products. */
  public static long totalFlops(List<ProductShape> shapes) {
    long sum = 0;
    for (ProductShape s : shapes) {
      sum += s.totalFlops();
    }
    return sum;
  }
}
