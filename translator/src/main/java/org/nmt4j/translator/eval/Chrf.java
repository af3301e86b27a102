package org.nmt4j.translator.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nmt4j.translator.eval.impl.Ngrams;
import org.nmt4j.translator.eval.impl.PythonCase;
import org.nmt4j.translator.eval.impl.PythonWhitespace;

/**
 * chrF (Popović, 2015) and chrF++ (Popović, 2017) exactly as sacreBLEU 2.x computes them:
 * character n-grams over code points with whitespace removed, per reference the statistics of
 * the reference with the best F-score, corpus statistics summed over segments, and either
 * sacreBLEU's effective-order averaging (default) or epsilon smoothing.
 *
 * <pre>{@code
 * ChrfScore chrf = new Chrf(ChrfOptions.defaults()).corpusScore(hypotheses, List.of(references));
 * System.out.println(chrf.format());   // chrF2 = 57.16
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class Chrf {

    /** Python's string.punctuation, which chrF++ separates from word ends. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** chrF++.py's epsilon for undefined precision, recall or F-score of an order. */
    private static final double EPS = 1e-16;

    private final ChrfOptions options;

    /**
     * @param options validated options; {@link ChrfOptions#defaults()} for standard chrF2
     */
    public Chrf(ChrfOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("chrF options must not be null");
        }
        this.options = options;
    }

    /**
     * @return the options this metric was built with
     */
    public ChrfOptions options() {
        return options;
    }

    /**
     * Corpus chrF: the statistics of all segments summed, then one score.
     *
     * @param hypotheses       one hypothesis per segment
     * @param referenceStreams one or more reference streams, each with one reference per segment
     * @return the corpus score
     */
    public ChrfScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
        return score(corpusStatistics(hypotheses, referenceStreams));
    }

    /**
     * Summed statistics of a corpus.
     *
     * @param hypotheses       one hypothesis per segment
     * @param referenceStreams one or more reference streams, each with one reference per segment
     * @return the summed statistics
     */
    public ChrfStatistics corpusStatistics(List<String> hypotheses, List<List<String>> referenceStreams) {
        SegmentChecks.requireCorpus(hypotheses, referenceStreams);
        ChrfStatistics total = ChrfStatistics.zero(options.charOrder() + options.wordOrder());
        for (int i = 0; i < hypotheses.size(); i++) {
            total = total.plus(statistics(hypotheses.get(i), SegmentChecks.referencesOf(referenceStreams, i)));
        }
        return total;
    }

    /**
     * Sentence chrF (the corpus score of a one-segment corpus).
     *
     * @param hypothesis one hypothesis
     * @param references one or more references for it
     * @return the sentence score
     */
    public ChrfScore sentenceScore(String hypothesis, List<String> references) {
        return score(statistics(hypothesis, references));
    }

    /**
     * The statistics of one segment against its best-matching reference.
     *
     * @param hypothesis one hypothesis
     * @param references one or more references for it
     * @return per-order hypothesis, reference and match counts
     */
    public ChrfStatistics statistics(String hypothesis, List<String> references) {
        SegmentChecks.requireSentence(hypothesis, references);
        List<Map<String, Integer>> hypNgrams = ngrams(hypothesis);
        ChrfStatistics best = null;
        double bestF = -1.0;
        for (String reference : references) {
            List<Map<String, Integer>> refNgrams = ngrams(reference);
            int orders = hypNgrams.size();
            List<Long> hyp = new ArrayList<>(orders);
            List<Long> ref = new ArrayList<>(orders);
            List<Long> match = new ArrayList<>(orders);
            for (int i = 0; i < orders; i++) {
                Map<String, Integer> r = refNgrams.get(i);
                // sacreBLEU does not count hypothesis n-grams of an order the reference lacks.
                hyp.add(r.isEmpty() ? 0L : Ngrams.total(hypNgrams.get(i)));
                ref.add(Ngrams.total(r));
                match.add(Ngrams.clippedMatches(hypNgrams.get(i), r));
            }
            ChrfStatistics stats = new ChrfStatistics(hyp, ref, match);
            double f = fScore(stats);
            if (f > bestF) {
                bestF = f;
                best = stats;
            }
        }
        return best;
    }

    /**
     * The score of already summed statistics.
     *
     * @param statistics statistics with this metric's number of orders
     * @return the score
     */
    public ChrfScore score(ChrfStatistics statistics) {
        int orders = options.charOrder() + options.wordOrder();
        if (statistics.orders() != orders) {
            throw new IllegalArgumentException("chrF statistics have " + statistics.orders()
                    + " orders but the metric uses " + orders);
        }
        return new ChrfScore(fScore(statistics), options.charOrder(), options.wordOrder(), options.beta());
    }

    private List<Map<String, Integer>> ngrams(String segment) {
        String text = options.lowercase() ? PythonCase.lower(segment) : segment;
        String characters = options.whitespace() ? text : PythonWhitespace.remove(text);
        List<Map<String, Integer>> ngrams = new ArrayList<>(Ngrams.characters(characters, options.charOrder()));
        if (options.wordOrder() > 0) {
            ngrams.addAll(Ngrams.words(splitPunctuation(text), options.wordOrder()));
        }
        return ngrams;
    }

    /**
     * chrF++'s word split: whitespace fields, with one punctuation character split from the end
     * of a word, or else from its start (so "(hi)" gives "(hi" and ")", as in sacreBLEU).
     */
    private static List<String> splitPunctuation(String text) {
        List<String> words = new ArrayList<>();
        for (String word : PythonWhitespace.split(text)) {
            if (word.codePointCount(0, word.length()) == 1) {
                words.add(word);
                continue;
            }
            int last = word.codePointBefore(word.length());
            int first = word.codePointAt(0);
            if (isPunctuation(last)) {
                int cut = word.length() - Character.charCount(last);
                words.add(word.substring(0, cut));
                words.add(word.substring(cut));
            } else if (isPunctuation(first)) {
                int cut = Character.charCount(first);
                words.add(word.substring(0, cut));
                words.add(word.substring(cut));
            } else {
                words.add(word);
            }
        }
        return words;
    }

    private static boolean isPunctuation(int codePoint) {
        return codePoint < 128 && PUNCTUATION.indexOf(codePoint) >= 0;
    }

    private double fScore(ChrfStatistics stats) {
        double factor = (double) options.beta() * options.beta();
        int orders = stats.orders();
        double epsScore = 0.0;
        double avgPrecision = 0.0;
        double avgRecall = 0.0;
        int effectiveOrder = 0;
        for (int i = 0; i < orders; i++) {
            long nHyp = stats.hypothesis().get(i);
            long nRef = stats.reference().get(i);
            long nMatch = stats.matches().get(i);
            double precision = nHyp > 0 ? (double) nMatch / nHyp : EPS;
            double recall = nRef > 0 ? (double) nMatch / nRef : EPS;
            double denominator = factor * precision + recall;
            epsScore += denominator > 0 ? (1 + factor) * precision * recall / denominator : EPS;
            if (nHyp > 0 && nRef > 0) {
                avgPrecision += precision;
                avgRecall += recall;
                effectiveOrder++;
            }
        }
        if (options.epsSmoothing()) {
            return 100 * epsScore / orders;
        }
        if (effectiveOrder == 0) {
            return 0.0;
        }
        avgPrecision /= effectiveOrder;
        avgRecall /= effectiveOrder;
        if (avgPrecision + avgRecall == 0) {
            return 0.0;
        }
        double score = (1 + factor) * avgPrecision * avgRecall;
        score /= factor * avgPrecision + avgRecall;
        return 100 * score;
    }
}
