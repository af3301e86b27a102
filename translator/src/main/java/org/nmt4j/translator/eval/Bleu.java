package org.nmt4j.translator.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nmt4j.translator.eval.impl.Ngrams;
import org.nmt4j.translator.eval.impl.PythonCase;
import org.nmt4j.translator.eval.impl.PythonWhitespace;
import org.nmt4j.translator.eval.impl.Tokenizer13a;

/**
 * BLEU (Papineni et al., 2002) exactly as sacreBLEU 2.x computes it: optional lowercasing, right
 * strip, tokenizer 13a or none, clipped n-gram matches against the element-wise maximum counts
 * over the references, the closest reference length (shorter one on ties) for the brevity
 * penalty, and the configured smoothing.
 *
 * <pre>{@code
 * Bleu bleu = new Bleu(BleuOptions.defaults());
 * BleuScore corpus = bleu.corpusScore(hypotheses, List.of(references));
 * System.out.println(corpus.format());
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class Bleu {

    /** sacreBLEU's floor for log(0), which makes a zero precision drive the score to 0. */
    private static final double LOG_ZERO = -9999999999.0;

    private final BleuOptions options;
    private final Tokenizer13a tokenizer13a;

    /**
     * @param options validated options; {@link BleuOptions#defaults()} for standard BLEU
     */
    public Bleu(BleuOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("BLEU options must not be null");
        }
        this.options = options;
        this.tokenizer13a = "13a".equals(options.tokenize()) ? new Tokenizer13a() : null;
    }

    /**
     * @return the options this metric was built with
     */
    public BleuOptions options() {
        return options;
    }

    /**
     * The text BLEU counts n-grams on: lowercased if asked, right-stripped, tokenized.
     *
     * @param segment one raw segment
     * @return its tokens joined by spaces (for tokenizer none: the stripped segment)
     */
    public String preprocess(String segment) {
        String text = options.lowercase() ? PythonCase.lower(segment) : segment;
        text = PythonWhitespace.rstrip(text);
        return tokenizer13a == null ? text : tokenizer13a.tokenize(text);
    }

    /**
     * Corpus BLEU: the statistics of all segments summed, then one score.
     *
     * @param hypotheses       one hypothesis per segment
     * @param referenceStreams one or more reference streams, each with one reference per segment
     * @return the corpus score
     */
    public BleuScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
        return score(corpusStatistics(hypotheses, referenceStreams));
    }

    /**
     * Summed statistics of a corpus, e.g. to combine with more segments later.
     *
     * @param hypotheses       one hypothesis per segment
     * @param referenceStreams one or more reference streams, each with one reference per segment
     * @return the summed statistics
     */
    public BleuStatistics corpusStatistics(List<String> hypotheses, List<List<String>> referenceStreams) {
        SegmentChecks.requireCorpus(hypotheses, referenceStreams);
        BleuStatistics total = BleuStatistics.zero(options.maxNgramOrder());
        for (int i = 0; i < hypotheses.size(); i++) {
            total = total.plus(statistics(hypotheses.get(i), SegmentChecks.referencesOf(referenceStreams, i)));
        }
        return total;
    }

    /**
     * Sentence BLEU with effective order, as sacreBLEU's {@code sentence_bleu} and
     * {@code --sentence-level} compute it, whatever {@link BleuOptions#effectiveOrder()} says.
     *
     * @param hypothesis one hypothesis
     * @param references one or more references for it
     * @return the sentence score
     */
    public BleuScore sentenceScore(String hypothesis, List<String> references) {
        return compute(statistics(hypothesis, references), true);
    }

    /**
     * The sufficient statistics of one segment.
     *
     * @param hypothesis one hypothesis
     * @param references one or more references for it
     * @return lengths and per-order matches and totals
     */
    public BleuStatistics statistics(String hypothesis, List<String> references) {
        SegmentChecks.requireSentence(hypothesis, references);
        int maxOrder = options.maxNgramOrder();
        List<String> hypTokens = PythonWhitespace.split(preprocess(hypothesis));
        List<Map<String, Integer>> hypCounts = Ngrams.words(hypTokens, maxOrder);

        List<Map<String, Integer>> maxRefCounts = new ArrayList<>(maxOrder);
        for (int n = 0; n < maxOrder; n++) {
            maxRefCounts.add(new HashMap<>());
        }
        List<Integer> refLengths = new ArrayList<>(references.size());
        for (String reference : references) {
            List<String> refTokens = PythonWhitespace.split(preprocess(reference));
            refLengths.add(refTokens.size());
            List<Map<String, Integer>> refCounts = Ngrams.words(refTokens, maxOrder);
            for (int n = 0; n < maxOrder; n++) {
                Map<String, Integer> merged = maxRefCounts.get(n);
                refCounts.get(n).forEach((ngram, count) -> merged.merge(ngram, count, Math::max));
            }
        }

        List<Long> matches = new ArrayList<>(maxOrder);
        List<Long> totals = new ArrayList<>(maxOrder);
        for (int n = 0; n < maxOrder; n++) {
            matches.add(Ngrams.clippedMatches(hypCounts.get(n), maxRefCounts.get(n)));
            totals.add(Ngrams.total(hypCounts.get(n)));
        }
        return new BleuStatistics(hypTokens.size(), closestLength(hypTokens.size(), refLengths), matches, totals);
    }

    /**
     * The score of already summed statistics, with this metric's smoothing and effective order.
     *
     * @param statistics statistics with this metric's max n-gram order
     * @return the score
     */
    public BleuScore score(BleuStatistics statistics) {
        return compute(statistics, options.effectiveOrder());
    }

    private static int closestLength(int hypLength, List<Integer> refLengths) {
        int closest = refLengths.get(0);
        for (int refLength : refLengths) {
            int diff = Math.abs(hypLength - refLength);
            int bestDiff = Math.abs(hypLength - closest);
            if (diff < bestDiff || (diff == bestDiff && refLength < closest)) {
                closest = refLength;
            }
        }
        return closest;
    }

    private BleuScore compute(BleuStatistics stats, boolean effectiveOrder) {
        int maxOrder = options.maxNgramOrder();
        if (stats.maxNgramOrder() != maxOrder) {
            throw new IllegalArgumentException("BLEU statistics have max n-gram order " + stats.maxNgramOrder()
                    + " but the metric uses " + maxOrder);
        }
        long hypLen = stats.hypLen();
        long refLen = stats.refLen();
        double bp = 1.0;
        if (hypLen < refLen) {
            bp = hypLen > 0 ? Math.exp(1 - (double) refLen / hypLen) : 0.0;
        }
        double ratio = refLen > 0 ? (double) hypLen / refLen : 0.0;
        double[] precisions = new double[maxOrder];

        boolean anyMatch = stats.matches().stream().anyMatch(m -> m > 0);
        if (!anyMatch) {
            // No match at any order gives 0 whatever the smoothing (sacreBLEU issue #141).
            return result(0.0, precisions, bp, ratio, stats);
        }

        String method = options.smoothMethod();
        double smoothValue = options.smoothValue();
        double expDivisor = 1.0;
        int order = maxOrder;
        for (int n = 1; n <= maxOrder; n++) {
            double correct = stats.matches().get(n - 1);
            double total = stats.totals().get(n - 1);
            if ("add-k".equals(method) && n > 1) {
                correct += smoothValue;
                total += smoothValue;
            }
            if (total == 0) {
                break;
            }
            if (effectiveOrder) {
                order = n;
            }
            if (correct == 0) {
                if ("exp".equals(method)) {
                    expDivisor *= 2;
                    precisions[n - 1] = 100.0 / (expDivisor * total);
                } else if ("floor".equals(method)) {
                    precisions[n - 1] = 100.0 * smoothValue / total;
                }
            } else {
                precisions[n - 1] = 100.0 * correct / total;
            }
        }

        double logSum = 0.0;
        for (int i = 0; i < order; i++) {
            logSum += precisions[i] == 0.0 ? LOG_ZERO : Math.log(precisions[i]);
        }
        return result(bp * Math.exp(logSum / order), precisions, bp, ratio, stats);
    }

    private static BleuScore result(double score, double[] precisions, double bp, double ratio, BleuStatistics stats) {
        List<Double> precisionList = new ArrayList<>(precisions.length);
        for (double p : precisions) {
            precisionList.add(p);
        }
        return new BleuScore(score, precisionList, bp, ratio, stats.hypLen(), stats.refLen(),
                stats.matches(), stats.totals());
    }
}
