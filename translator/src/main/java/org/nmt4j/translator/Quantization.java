package org.nmt4j.translator;

import java.util.Locale;

/**
 * How a model's large products run at inference: in float as trained, or in 8-bit integers
 * ({@code int8}: weights in signed bytes with one scale per output, activations quantized per
 * row on the fly, see {@link org.nmt4j.translator.model.Int8Quantization}). A model file written
 * by {@code nmt4j quantize} is int8 whatever is asked.
 */
public enum Quantization {
  /** Float products (the model as trained). */
  NONE,
  /** 8-bit integer products through oneDNN. */
  INT8,
  /**
   * bf16 products with float sums through oneDNN, on CPUs with AMX or AVX-512 BF16 (see {@link
   * org.nmt4j.translator.model.Bf16Inference}); chosen on load, never stored.
   */
  BF16;

  /**
   * Parses {@code none}, {@code int8} or {@code bf16} (any case).
   *
   * @throws IllegalArgumentException naming the valid choices
   */
  public static Quantization parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "none", "float" -> NONE;
      case "int8" -> INT8;
      case "bf16", "bfloat16" -> BF16;
      default -> throw new IllegalArgumentException("quantization must be none, int8 or bf16, got '"
          + text + "'");
    };
  }

  /** The name used on the command line and in model files: {@code none}, {@code int8}, {@code bf16}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
