package org.nmt4j.translator.data;

import java.util.ArrayList;
import java.util.List;
import org.nmt4j.corpora.batch.EncodedCorpusFile;
import org.nmt4j.corpora.batch.EncodedPair;
import org.nmt4j.corpora.batch.PairSource;
import org.nmt4j.corpora.batch.WeightedPairSource;
import org.nmt4j.translator.io.TextProcessing;
import org.nmt4j.translator.train.TrainingData;

/**
 * Encoded training corpora on disk and validation pairs in memory, with the text processing that
 * encoded them.
 *
 * @param text tokenizers, merges and vocabularies (what the model file stores)
 * @param trainFiles the encoded training corpora, one per input corpus, in the order given
 * @param weights the sampling weight of each training corpus
 * @param valid validation pairs as ids (empty without validation data)
 * @param report counts for the user
 */
public record PreparedData(TextProcessing text, List<EncodedCorpusFile> trainFiles,
    double[] weights, List<EncodedPair> valid, DataReport report) {

  /**
   * The pairs as the trainer takes them: the training corpus read from disk at every epoch (a
   * {@link WeightedPairSource} over several), the validation pairs from memory.
   */
  public TrainingData trainingData() {
    boolean hasValid = !valid.isEmpty();
    PairSource validSource = hasValid ? PairSource.of(valid) : null;
    if (trainFiles.size() == 1) {
      EncodedCorpusFile f = trainFiles.get(0);
      return new TrainingData(f, f.pairs(), validSource, valid.size());
    }
    long[] sizes = trainFiles.stream().mapToLong(EncodedCorpusFile::pairs).toArray();
    WeightedPairSource mixed = new WeightedPairSource(trainFiles, sizes, weights);
    return new TrainingData(mixed, mixed.pairsPerEpoch(), validSource, valid.size());
  }

  /**
   * Every training pair of every corpus in file order, read into memory: for tests and small
   * corpora only.
   */
  public List<EncodedPair> train() {
    List<EncodedPair> all = new ArrayList<>();
    for (EncodedCorpusFile f : trainFiles) {
      all.addAll(f.readAll());
    }
    return all;
  }
}
