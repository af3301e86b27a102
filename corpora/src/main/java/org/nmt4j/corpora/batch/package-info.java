/**
 * Padded mini-batches of token ids for training and translation.
 *
 * <ul>
 *   <li>{@link org.nmt4j.corpora.batch.Batch}: one padded batch; its Javadoc fixes where {@code
 *       <s>} and {@code </s>} go.
 *   <li>{@link org.nmt4j.corpora.batch.Batcher}: training batches from a {@link
 *       org.nmt4j.corpora.batch.PairSource} of {@link org.nmt4j.corpora.batch.EncodedPair}s,
 *       length-bucketed inside bounded pools and shuffled, by sentence count or token budget
 *       ({@link org.nmt4j.corpora.batch.BatchConfig}); the order is a function of (seed, epoch),
 *       and {@link org.nmt4j.corpora.batch.BatchPosition} resumes mid-epoch.
 *   <li>{@link org.nmt4j.corpora.batch.EncodedCorpusFile}: a training corpus encoded once on
 *       disk ({@link org.nmt4j.corpora.batch.EncodedCorpusWriter}) and read a chunk at a time,
 *       so memory stays bounded as the corpus grows; {@link
 *       org.nmt4j.corpora.batch.WeightedPairSource} mixes several corpora by weight.
 *   <li>{@link org.nmt4j.corpora.batch.SourceBatcher}: source-only batches for translation, with
 *       the input positions kept so that results go back in order.
 * </ul>
 */
package org.nmt4j.corpora.batch;
