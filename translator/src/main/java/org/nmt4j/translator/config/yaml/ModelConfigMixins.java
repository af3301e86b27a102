package org.nmt4j.translator.config.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Jackson mix-ins that give the model records of the encoder and decoder modules the YAML key
 * names their own validation messages use ({@code encoder.embedding}, {@code
 * decoder.tie-embeddings}), without those modules depending on Jackson.
 */
final class ModelConfigMixins {
  private ModelConfigMixins() {}

  @JsonPropertyOrder({"cell", "embedding", "hidden", "layers", "dropout", "embedding-dropout"})
  abstract static class Encoder {
    @JsonProperty("embedding")
    abstract int embeddingSize();

    @JsonProperty("hidden")
    abstract int hiddenSize();
  }

  @JsonPropertyOrder({"cell", "embedding", "hidden", "layers", "dropout", "embedding-dropout",
      "tie-embeddings", "source-context"})
  abstract static class Decoder {
    @JsonProperty("embedding")
    abstract int embeddingSize();

    @JsonProperty("hidden")
    abstract int hiddenSize();
  }
}
