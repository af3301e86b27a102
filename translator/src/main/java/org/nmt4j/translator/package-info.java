/**
 * The embeddable translation API: {@link org.nmt4j.translator.Translator} loads a model file and
 * translates or scores sentences; {@link org.nmt4j.translator.DecodingOptions} chooses greedy or
 * sampled decoding, the limits and the rules against repeated output; results are {@link org.nmt4j.translator.Translation} and
 * {@link org.nmt4j.translator.ScoreReport} records. No ND4J type appears here.
 */
package org.nmt4j.translator;
