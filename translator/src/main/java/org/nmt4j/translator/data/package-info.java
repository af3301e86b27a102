/**
 * Data preparation for training: corpus files through the corpora readers and filters, tokenizers,
 * BPE and vocabularies to encoded pairs ({@link org.nmt4j.translator.data.DataPreparation}).
 */
package org.nmt4j.translator.data;
