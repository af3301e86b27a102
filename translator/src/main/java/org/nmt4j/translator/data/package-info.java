/**
 * Data preparation for training: corpus files through the corpora readers and filters, tokenizers,
 * BPE and vocabularies to encoded corpus files on disk, streamed in two passes with bounded
 * memory ({@link org.nmt4j.translator.data.DataPreparation}); several weighted corpora ({@link
 * org.nmt4j.translator.data.TrainCorpus}).
 */
package org.nmt4j.translator.data;
