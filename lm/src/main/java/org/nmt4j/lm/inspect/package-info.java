/**
 * Looking inside the network: per-cell activations over a text and their correlation with simple
 * text features ({@link org.nmt4j.lm.inspect.CellActivations}, {@link
 * org.nmt4j.lm.inspect.TextFeatures}, {@link org.nmt4j.lm.inspect.CellCorrelations}, the HTML
 * view {@link org.nmt4j.lm.inspect.CellViewPage}), and gradient flow through time ({@link
 * org.nmt4j.lm.inspect.GradientFlow}, {@link org.nmt4j.lm.inspect.ExplodingGradients}).
 */
package org.nmt4j.lm.inspect;
