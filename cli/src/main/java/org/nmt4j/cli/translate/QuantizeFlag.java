package org.nmt4j.cli.translate;

import org.nmt4j.translator.Quantization;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --quantize} flag shared by {@code translate}, {@code serve} and {@code bench translate}. */
public final class QuantizeFlag {
  @Option(names = "--quantize", paramLabel = "TYPE", defaultValue = "none",
      converter = Parse.class,
      description = "none, int8 or bf16: the large products (output layer, recurrent and "
          + "input projections) in 8-bit integers, quantized on load, or with bf16 operands "
          + "and float sums (CPUs with AMX or AVX-512 BF16) (default ${DEFAULT-VALUE}; a "
          + "file written by 'nmt4j quantize' is int8 anyway).")
  Quantization quantization;

  /** The quantization asked for. */
  public Quantization value() {
    return quantization;
  }

  /** Picocli's converter: a bad value is a usage error naming the choices. */
  static final class Parse implements ITypeConverter<Quantization> {
    @Override
    public Quantization convert(String value) {
      try {
        return Quantization.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
