package org.nmt4j.translator.model;

import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.nn.InitConfig;

/**
 * Everything that fixes the model's architecture (vocabulary sizes come from the data).
 *
 * @param encoder the bidirectional LSTM encoder
 * @param decoder the seeded LSTM decoder
 * @param init weight initialisation
 */
public record ModelConfig(EncoderConfig encoder, DecoderConfig decoder, InitConfig init) {
  /** Checks the constraints between the parts. */
  public ModelConfig {
    if (encoder == null || decoder == null || init == null) {
      throw new IllegalArgumentException("model config needs encoder, decoder and init");
    }
    if (decoder.layers() > encoder.layers()) {
      throw new IllegalArgumentException(
          "decoder.layers (" + decoder.layers() + ") may not exceed encoder.layers ("
              + encoder.layers() + "): each decoder layer is seeded from a top encoder layer");
    }
  }
}
