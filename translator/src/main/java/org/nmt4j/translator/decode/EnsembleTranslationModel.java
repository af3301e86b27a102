package org.nmt4j.translator.decode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.corpora.batch.SourceBatch;
import org.nmt4j.decoder.search.EnsembleStepDecoder;
import org.nmt4j.decoder.search.StepDecoder;
import org.nmt4j.translator.io.ModelFileException;
import org.nmt4j.translator.Quantization;
import org.nmt4j.translator.io.TrainedModel;

/**
 * Several trained models translating as one ({@link EnsembleStepDecoder}: every step takes the
 * mean of their log-probabilities). The members may differ in architecture and training, but
 * must turn text into ids the same way: the same tokenizers, BPE merges and vocabularies (for
 * instance two runs on the same data and data settings). Text handling is the first member's.
 *
 * <p>Thread-safe like its members: each {@link #startDecoding} starts a fresh decoder per member.
 */
public final class EnsembleTranslationModel implements TranslationModel {
  private final Seq2SeqTranslationModel first;
  private final List<Seq2SeqTranslationModel> members;

  private EnsembleTranslationModel(List<Seq2SeqTranslationModel> members) {
    this.first = members.get(0);
    this.members = List.copyOf(members);
  }

  /**
   * Loads the model files and checks that they process text alike.
   *
   * @param files at least two {@code model.nmt4j} files
   * @throws ModelFileException naming the file that cannot be loaded or whose tokenizers, merges
   *     or vocabularies differ from the first file's
   */
  public static EnsembleTranslationModel load(List<Path> files) {
    return load(files, Quantization.NONE);
  }

  /** {@link #load(List)}, each model quantized as asked (see {@link TrainedModel#load(Path, Quantization)}). */
  public static EnsembleTranslationModel load(List<Path> files, Quantization quantization) {
    if (files.size() < 2) {
      throw new IllegalArgumentException("an ensemble needs at least 2 model files, got "
          + files.size());
    }
    List<Seq2SeqTranslationModel> members = new ArrayList<>();
    TrainedModel reference = null;
    for (Path file : files) {
      TrainedModel m = TrainedModel.load(file, quantization);
      if (reference == null) {
        reference = m;
      } else if (!m.text().equals(reference.text())) {
        throw new ModelFileException(file + ": cannot join an ensemble with " + files.get(0)
            + ": its tokenizers, BPE merges or vocabularies differ (train both on the same data "
            + "with the same data settings)");
      }
      members.add(Seq2SeqTranslationModel.of(m));
    }
    return new EnsembleTranslationModel(members);
  }

  /** @return the number of models */
  public int size() {
    return members.size();
  }

  @Override
  public List<String> sourceTokens(String text) {
    return first.sourceTokens(text);
  }

  @Override
  public int[] sourceIds(List<String> tokens) {
    return first.sourceIds(tokens);
  }

  @Override
  public int[] targetIds(String text) {
    return first.targetIds(text);
  }

  @Override
  public List<String> targetTokens(int[] ids) {
    return first.targetTokens(ids);
  }

  @Override
  public String detokenizeTarget(List<String> tokens) {
    return first.detokenizeTarget(tokens);
  }

  @Override
  public StepDecoder startDecoding(SourceBatch sources) {
    List<StepDecoder> decoders = new ArrayList<>(members.size());
    for (Seq2SeqTranslationModel m : members) {
      decoders.add(m.startDecoding(sources));
    }
    return new EnsembleStepDecoder(decoders);
  }
}
