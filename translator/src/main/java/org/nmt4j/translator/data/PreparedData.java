package org.nmt4j.translator.data;

import java.util.List;
import org.nmt4j.corpora.batch.EncodedPair;
import org.nmt4j.translator.io.TextProcessing;
import org.nmt4j.translator.train.TrainingData;

/**
 * Encoded training and validation pairs with the text processing that encoded them.
 *
 * @param text tokenizers, merges and vocabularies (what the model file stores)
 * @param train training pairs as ids, in corpus order
 * @param valid validation pairs as ids (empty without validation data)
 * @param report counts for the user
 */
public record PreparedData(
    TextProcessing text, List<EncodedPair> train, List<EncodedPair> valid, DataReport report) {

  /** The pairs as the trainer takes them (held in memory). */
  public TrainingData trainingData() {
    return TrainingData.inMemory(train, valid);
  }
}
