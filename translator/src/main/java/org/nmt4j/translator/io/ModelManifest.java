package org.nmt4j.translator.io;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code manifest.json} of a model file: what it is and what wrote it.
 *
 * @param format always {@value ModelFile#FORMAT}
 * @param formatVersion the layout version of the file ({@link ModelFile#FORMAT_VERSION} when
 *     written by this code)
 * @param nmt4jVersion the nmt4j version that wrote it
 * @param sourceLanguage source language code
 * @param targetLanguage target language code
 * @param created when it was written, ISO-8601 UTC (e.g. {@code 2025-01-31T12:00:00Z})
 * @param trainingSteps optimiser steps behind the weights
 * @param dataType element type of the weights (e.g. FLOAT)
 * @param parameters number of trainable scalars
 * @param sourceVocabularySize entries of the source vocabulary
 * @param targetVocabularySize entries of the target vocabulary
 * @param quantization {@code int8} when the large products' weights are stored in 8 bits (an
 *     inference-only file, format version {@value ModelFile#INT8_FORMAT_VERSION}); absent (null)
 *     for float weights
 */
public record ModelManifest(
    String format,
    int formatVersion,
    String nmt4jVersion,
    String sourceLanguage,
    String targetLanguage,
    String created,
    long trainingSteps,
    String dataType,
    long parameters,
    int sourceVocabularySize,
    int targetVocabularySize,
    @JsonInclude(JsonInclude.Include.NON_NULL) String quantization) {

  /** The manifest's value of {@link #quantization} for an int8 file. */
  public static final String INT8 = "int8";

  /** Whether the file holds int8 weights (inference only). */
  public boolean int8() {
    return INT8.equals(quantization);
  }
}
