package org.nmt4j.translator.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.quant.Bf16Matrix;
import org.nmt4j.nn.quant.Bf16Rounding;
import org.nmt4j.nn.quant.Bf16Weights;

/**
 * Prepares a float model for bf16 inference: the weights of the large products (the same tensors
 * {@link Int8Quantization#inferenceTensors} names: every recurrent layer's {@code Wx} and {@code
 * Wh}, the output projection and the bridge) are rounded to bf16 in place and registered with
 * {@link Bf16Weights}, so that their products take bf16 operands with float sums, on the CPU's
 * AMX or AVX-512 BF16 instructions. Everything else (embeddings, biases, the cells' arithmetic,
 * the softmax) stays float.
 *
 * <p>Rounding the float values themselves means that whatever still reads those tensors as floats
 * (the first layers' precomputed input tables, a tied embedding table) sees the same weights as
 * the bf16 products. Nothing is stored: a model file stays float, and bf16 is chosen when a model
 * is loaded ({@code --quantize bf16}). Inference only: {@link Seq2SeqModel#forwardBackward}
 * refuses such a model.
 */
public final class Bf16Inference {
  private Bf16Inference() {}

  /**
   * Rounds and registers the model's large weights (see the class comment); a model already
   * prepared is left as it is.
   *
   * @throws IllegalArgumentException for a model that is not FLOAT, or is quantized to int8
   * @throws IllegalStateException when this CPU or platform cannot run bf16 products
   */
  public static void prepare(Seq2SeqModel model) {
    Parameters p = model.parameters();
    if (p.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("bf16 inference needs a FLOAT model, got "
          + p.dataType());
    }
    if (Int8Quantization.isQuantized(p)) {
      throw new IllegalArgumentException("the model is quantized to int8; bf16 needs a float "
          + "model");
    }
    if (isPrepared(p)) {
      return;
    }
    for (String name : Int8Quantization.inferenceTensors(model.config()).keySet()) {
      Bf16Weights.register(p.value(name)); // first: fails before any weight is rounded
    }
    for (String name : Int8Quantization.inferenceTensors(model.config()).keySet()) {
      Bf16Rounding.roundInPlace(p.value(name));
    }
  }

  /** Whether any tensor of these parameters is multiplied in bf16 for inference. */
  public static boolean isPrepared(Parameters parameters) {
    for (String name : parameters.names()) {
      Bf16Matrix m = Bf16Weights.of(parameters.value(name));
      if (m != null && !m.trained()) {
        return true;
      }
    }
    return false;
  }
}
