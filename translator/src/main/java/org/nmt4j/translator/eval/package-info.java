/**
 * Translation quality metrics that reproduce sacreBLEU 2.x: corpus and sentence BLEU
 * ({@link org.nmt4j.translator.eval.Bleu}) and chrF ({@link org.nmt4j.translator.eval.Chrf}),
 * plus {@link org.nmt4j.translator.eval.FileScorer} for scoring a hypothesis file against a
 * reference file.
 *
 * <p>Scores are meant to be directly comparable with numbers in the literature, so every
 * definition follows sacreBLEU exactly (tokenizer 13a, Python whitespace and rounding rules),
 * not merely approximately. Both metrics are defined by additive sufficient statistics
 * ({@link org.nmt4j.translator.eval.BleuStatistics}, {@link org.nmt4j.translator.eval.ChrfStatistics})
 * so that callers such as validation during training can accumulate them sentence by sentence.
 */
package org.nmt4j.translator.eval;
