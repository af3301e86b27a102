package org.nmt4j.translator.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.decoder.Bridge;
import org.nmt4j.decoder.SeededRnnDecoder;
import org.nmt4j.encoder.BiRnnEncoder;
import org.nmt4j.nn.Parameters;
import org.nmt4j.nn.quant.Int8Weights;
import org.nmt4j.nn.quant.QuantizedMatrix;

/**
 * Turns a float model into an int8 one for inference: the weights of the large products, every
 * recurrent layer's input and recurrent weights ({@code *.Wx} [input, G*H], {@code *.Wh} [H,
 * G*H], one scale per column) and the output projection's weights ([V, Hd], one scale per row;
 * the target embedding table when tied), and the bridge's weights, become {@link QuantizedMatrix
 * QuantizedMatrices} that the products read through {@link Int8Weights} ({@link
 * #inferenceTensors}).
 *
 * <p>The float values of those tensors are replaced by what the bytes stand for ({@code q *
 * scale}), so that everything still reading them as floats (embedding look-ups of a tied table,
 * the first layers' precomputed input tables) sees the same model, and a quantized model saved
 * and loaded again translates exactly as before. Embeddings, biases and the output's
 * context weights stay float (they are looked up, or used once per sentence).
 *
 * <p>Inference only: {@link Seq2SeqModel#forwardBackward} refuses a quantized model.
 */
public final class Int8Quantization {
  private Int8Quantization() {}

  /**
   * The tensors an int8 model quantizes, in declaration order, each with whether it is
   * output-major ([N, K], read transposed: the output projection) rather than input-major.
   */
  public static Map<String, Boolean> tensors(ModelConfig config) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (int l = 0; l < config.encoder().layers(); l++) {
      for (boolean backward : new boolean[] {false, true}) {
        String layer = BiRnnEncoder.layerName(l, backward);
        out.put(layer + ".Wx", false);
        out.put(layer + ".Wh", false);
      }
    }
    for (int l = 0; l < config.decoder().layers(); l++) {
      out.put(SeededRnnDecoder.layerName(l) + ".Wx", false);
      out.put(SeededRnnDecoder.layerName(l) + ".Wh", false);
    }
    out.put(config.decoder().tieEmbeddings() ? SeededRnnDecoder.EMBEDDING
        : SeededRnnDecoder.OUTPUT_WEIGHTS, true);
    return out;
  }

  /**
   * The tensors an inference model converts (int8 here, bf16 in {@link Bf16Inference}): {@link
   * #tensors} and the bridge's weights ({@code bridge.l*.Wh}, {@code .Wc} [2 He, Hd], one scale
   * per column), read once per sentence, but at one sentence per batch 8 MB of float weights
   * for the standard model, as many bytes as three decoding steps read in int8.
   */
  public static Map<String, Boolean> inferenceTensors(ModelConfig config) {
    Map<String, Boolean> out = tensors(config);
    for (int l = 0; l < config.decoder().layers(); l++) {
      out.put(Bridge.name(l) + ".Wh", false);
      if (config.decoder().cellType().hasCellState()) {
        out.put(Bridge.name(l) + ".Wc", false);
      }
    }
    return out;
  }

  /**
   * Quantizes the model in place (see the class comment); a model already quantized is left as
   * it is.
   *
   * @throws IllegalArgumentException for a model that is not FLOAT
   * @throws IllegalStateException when oneDNN's native library is not available here
   */
  public static void quantize(Seq2SeqModel model) {
    Parameters p = model.parameters();
    if (p.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException("int8 quantization needs a FLOAT model, got "
          + p.dataType());
    }
    if (isQuantized(p)) {
      return;
    }
    for (Map.Entry<String, Boolean> e : inferenceTensors(model.config()).entrySet()) {
      INDArray w = p.value(e.getKey());
      QuantizedMatrix q = QuantizedMatrix.quantize(w, e.getValue());
      q.writeDequantized(w);
      Int8Weights.register(w, q);
    }
  }

  /** Whether any tensor of these parameters has an int8 form. */
  public static boolean isQuantized(Parameters parameters) {
    for (String name : parameters.names()) {
      if (Int8Weights.of(parameters.value(name)) != null) {
        return true;
      }
    }
    return false;
  }
}
