/**
 * Recurrent layers of any cell. The equations of each cell live once in a small class ({@link
 * org.nmt4j.nn.recurrent.CellType}: LSTM, GRU, vanilla RNN); {@link
 * org.nmt4j.nn.recurrent.RecurrentLayer} drives any cell over a padded sequence (forward, and
 * backward through time) and one decoding step; {@link
 * org.nmt4j.nn.recurrent.SequenceWorkspace} and {@link org.nmt4j.nn.recurrent.StepBuffers} lay
 * out the memory; {@link org.nmt4j.nn.recurrent.InputProjection} precomputes an embedding-fed
 * layer's input projection for inference.
 */
package org.nmt4j.nn.recurrent;
