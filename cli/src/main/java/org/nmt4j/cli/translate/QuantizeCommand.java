package org.nmt4j.cli.translate;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nmt4j.cli.OutputPaths;
import org.nmt4j.nn.quant.DnnlInt8;
import org.nmt4j.translator.Quantization;
import org.nmt4j.translator.io.TrainedModel;
import org.nmt4j.translator.model.Int8Quantization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nmt4j quantize}: stores a model with the weights of its large products in 8 bits
 * ({@link Int8Quantization}), an inference-only model file about a third of the float one's size
 * that {@code translate} and {@code serve} load as int8.
 */
@Command(
    name = "quantize",
    mixinStandardHelpOptions = true,
    description = {
        "Write an int8 copy of a model for faster inference.",
        "The weights of the output layer and of every recurrent layer's input and recurrent"
            + " products become signed bytes with one scale per output (embeddings, biases and the"
            + " bridge stay float).",
        "For translate, evaluate, score and serve; training and averaging refuse it."})
public final class QuantizeCommand implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, paramLabel = "IN",
      description = "The float model file (model.nmt4j).")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
      description = "The int8 model file to write (atomically).")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OutputPaths.of(spec.commandLine()).inputs("-m", List.of(input)).requireDistinct("-o", output);
    TrainedModel model = TrainedModel.load(input, Quantization.INT8);
    model.save(output);
    int tensors = Int8Quantization.inferenceTensors(model.config().model()).size();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "quantized %d tensors to int8 (%s): %s (%.1f MB) -> %s (%.1f MB)%n",
        tensors, DnnlInt8.instructionSet(), input, Files.size(input) / 1e6, output,
        Files.size(output) / 1e6);
    out.flush();
    return 0;
  }
}
