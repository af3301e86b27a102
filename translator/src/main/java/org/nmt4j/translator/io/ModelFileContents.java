package org.nmt4j.translator.io;

import org.nmt4j.nn.Parameters;
import org.nmt4j.translator.config.ExperimentConfig;

/**
 * Everything a model file holds, before the model is assembled from it.
 *
 * @param manifest what the file is
 * @param config the effective config of the training run
 * @param text tokenizers, merges and vocabularies
 * @param parameters the weights, under the names the model declared them with
 */
public record ModelFileContents(
    ModelManifest manifest, ExperimentConfig config, TextProcessing text, Parameters parameters) {}
