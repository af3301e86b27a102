package org.nmt4j.cli.train;

import java.util.Locale;
import org.nmt4j.cli.FlagValues;
import org.nmt4j.nn.quant.MixedPrecision;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --precision} flag of {@code train} and {@code bench train}: float32 (the default),
 * or bf16 mixed precision ({@link org.nmt4j.translator.model.Bf16Training}).
 */
public final class PrecisionFlag {
  @Option(names = "--precision", paramLabel = "P", defaultValue = "float32",
      converter = Parse.class,
      description = "float32 or bf16: bf16 runs the large products (recurrent and input "
          + "projections, output layer, weight gradients) with bf16 operands and float sums, "
          + "on CPUs with AMX or AVX-512 BF16; weights, gradients, Adam and the cells stay "
          + "float (default: ${DEFAULT-VALUE}).")
  Precision precision;

  /** The two precisions of training's products. */
  enum Precision { FLOAT32, BF16 }

  /** Whether bf16 mixed precision was asked for. */
  public boolean bf16() {
    return precision == Precision.BF16;
  }

  /**
   * Sets the process's products as asked: a usage error (exit 2) when bf16 cannot run here.
   *
   * @param commandLine the command, for the error
   */
  public void apply(CommandLine commandLine) {
    try {
      MixedPrecision.setBf16(bf16());
    } catch (IllegalStateException e) {
      FlagValues.require(commandLine, false, "--precision bf16: " + e.getMessage());
    }
  }

  /** Picocli's converter: a bad value is a usage error naming the choices. */
  static final class Parse implements ITypeConverter<Precision> {
    @Override
    public Precision convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "float32", "fp32", "float" -> Precision.FLOAT32;
        case "bf16", "bfloat16" -> Precision.BF16;
        default -> throw new TypeConversionException("--precision must be float32 or bf16, got '"
            + value + "'");
      };
    }
  }
}
