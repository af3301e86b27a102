/**
 * Training checkpoints: one zip with the training state (JSON), the config, the weights and the
 * optimiser's state (ND4J binary arrays), written atomically and read with integrity checks.
 */
package org.nmt4j.translator.train.checkpoint;
