package org.nmt4j.translator.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;
import org.nmt4j.translator.model.Seq2SeqModel;
import org.nmt4j.translator.train.checkpoint.Checkpoint;
import org.nmt4j.translator.train.checkpoint.CheckpointFile;

/**
 * Checkpoint averaging: the element-wise mean of the weights of several snapshots of one
 * training run (model files and training checkpoints), written as a model file. Averaging the
 * last few checkpoints of a run smooths the noise of the last optimizer steps and usually
 * translates a little better than any one of them.
 *
 * <p>All inputs must have the same model architecture and vocabulary sizes; the tokenizers,
 * BPE merges and vocabularies come from the first model file among the inputs (a checkpoint
 * holds weights and config only), so at least one input must be a model file.
 */
public final class WeightAveraging {
  private WeightAveraging() {}

  /**
   * What was averaged.
   *
   * @param inputs number of files
   * @param parameters parameters per file
   * @param minStep the fewest training steps among the inputs
   * @param maxStep the most training steps among the inputs (written to the result's manifest)
   */
  public record Summary(int inputs, long parameters, long minStep, long maxStep) {}

  /**
   * Averages the inputs and writes the result atomically to {@code output}.
   *
   * @param inputs model files ({@code .nmt4j}) and checkpoints ({@code checkpoint.zip}), at least 2
   * @throws ModelFileException naming the file at fault when an input is unreadable or does not
   *     match the others
   * @throws IllegalArgumentException for fewer than 2 inputs or none that is a model file
   */
  public static Summary average(List<Path> inputs, Path output) throws IOException {
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("averaging needs at least 2 inputs, got " + inputs.size());
    }
    List<Kind> kinds = new ArrayList<>();
    Path template = null;
    for (Path p : inputs) {
      kinds.add(kind(p));
      if (template == null && kinds.get(kinds.size() - 1) == Kind.MODEL) {
        template = p;
      }
    }
    if (template == null) {
      throw new IllegalArgumentException("averaging needs at least one model file (.nmt4j) among"
          + " the inputs: it provides the vocabularies and BPE merges");
    }
    ModelFileContents base = ModelFile.read(template);
    ExperimentConfig config = base.config();
    int sv = base.text().sourceVocabulary().size();
    int tv = base.text().targetVocabulary().size();
    Map<String, long[]> shapes = Seq2SeqModel.parameterShapes(config.model(), sv, tv);
    Parameters.Builder builder = Parameters.builder(DataType.FLOAT);
    shapes.forEach(builder::add);
    Parameters result = builder.build();
    long count = result.count();
    INDArray sum = Nd4j.zeros(DataType.DOUBLE, 1, count);
    long minStep = Long.MAX_VALUE;
    long maxStep = 0;
    for (int i = 0; i < inputs.size(); i++) {
      Path p = inputs.get(i);
      INDArray flat;
      long step;
      if (kinds.get(i) == Kind.MODEL) {
        ModelFileContents m = p.equals(template) ? base : ModelFile.read(p);
        if (m.manifest().int8()) {
          throw new ModelFileException(p + ": is an int8 model (inference only): average the"
              + " float models, then quantize the result");
        }
        requireSameModel(p, template, config, m.config());
        if (m.text().sourceVocabulary().size() != sv || m.text().targetVocabulary().size() != tv) {
          throw new ModelFileException(p + ": vocabulary sizes "
              + m.text().sourceVocabulary().size() + "/" + m.text().targetVocabulary().size()
              + " differ from " + template + " (" + sv + "/" + tv + ")");
        }
        flat = inDeclarationOrder(p, m.parameters(), shapes, count);
        step = m.manifest().trainingSteps();
      } else {
        Checkpoint c = CheckpointFile.read(p);
        ExperimentConfig cc;
        try {
          cc = ConfigYaml.parse(c.configYaml(), p + ":config.yaml");
        } catch (RuntimeException e) {
          throw new ModelFileException(p + ": its config cannot be read: " + e.getMessage(), e);
        }
        requireSameModel(p, template, config, cc);
        if (c.weights().length() != count) {
          throw new ModelFileException(p + ": holds " + c.weights().length()
              + " weights, the model of " + template + " has " + count);
        }
        flat = c.weights().reshape(1, count);
        step = c.state().step();
      }
      sum.addi(flat.castTo(DataType.DOUBLE));
      minStep = Math.min(minStep, step);
      maxStep = Math.max(maxStep, step);
    }
    result.flatValues().assign(sum.divi(inputs.size()).castTo(DataType.FLOAT));
    result.valuesChanged();
    ModelFile.write(output, config, base.text(), result, maxStep);
    return new Summary(inputs.size(), count, minStep, maxStep);
  }

  private static void requireSameModel(Path file, Path template, ExperimentConfig expected,
      ExperimentConfig actual) {
    if (!expected.model().equals(actual.model())) {
      throw new ModelFileException(file + ": its model architecture differs from " + template
          + " (" + actual.model() + " vs " + expected.model() + ")");
    }
  }

  /** The weights of a model file as one row in the declaration order of {@code shapes}. */
  private static INDArray inDeclarationOrder(Path file, Parameters p, Map<String, long[]> shapes,
      long count) {
    INDArray flat = Nd4j.create(DataType.FLOAT, 1, count);
    long offset = 0;
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      long n = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
      if (!p.contains(e.getKey()) || !Arrays.equals(p.shape(e.getKey()), e.getValue())) {
        missing.add(e.getKey());
      } else {
        flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n))
            .assign(p.value(e.getKey()).reshape(n).castTo(DataType.FLOAT));
      }
      offset += n;
    }
    if (!missing.isEmpty() || p.count() != count) {
      throw new ModelFileException(file + ": its weights do not fit the architecture"
          + (missing.isEmpty() ? "" : " (e.g. '" + missing.get(0) + "')"));
    }
    return flat;
  }

  private enum Kind { MODEL, CHECKPOINT }

  /** Tells a model file from a checkpoint by the zip entries that identify each. */
  private static Kind kind(Path file) {
    if (Files.isDirectory(file)) {
      throw new ModelFileException(file + ": is a directory, not a file");
    }
    if (!Files.isRegularFile(file)) {
      throw new ModelFileException(file + ": no such file");
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (zip.getEntry("manifest.json") != null) {
        return Kind.MODEL;
      }
      if (zip.getEntry("checkpoint.json") != null) {
        return Kind.CHECKPOINT;
      }
    } catch (ZipException e) {
      // not a zip: reported below
    } catch (IOException e) {
      throw new ModelFileException(file + ": cannot read: " + e.getMessage(), e);
    }
    throw new ModelFileException(file + ": neither an nmt4j model file nor a checkpoint");
  }
}
