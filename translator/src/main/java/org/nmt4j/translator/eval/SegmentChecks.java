package org.nmt4j.translator.eval;

import java.util.List;

/** Argument checks shared by the metrics; messages are one line and say what is wrong. */
final class SegmentChecks {

    private SegmentChecks() {
    }

    static void requireSentence(String hypothesis, List<String> references) {
        if (hypothesis == null) {
            throw new IllegalArgumentException("hypothesis must not be null");
        }
        if (references == null || references.isEmpty()) {
            throw new IllegalArgumentException("at least one reference is needed");
        }
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i) == null) {
                throw new IllegalArgumentException("reference " + (i + 1) + " must not be null");
            }
        }
    }

    static void requireCorpus(List<String> hypotheses, List<List<String>> referenceStreams) {
        if (hypotheses == null) {
            throw new IllegalArgumentException("hypotheses must not be null");
        }
        if (referenceStreams == null || referenceStreams.isEmpty()) {
            throw new IllegalArgumentException("at least one reference stream is needed");
        }
        for (int s = 0; s < referenceStreams.size(); s++) {
            List<String> stream = referenceStreams.get(s);
            if (stream == null || stream.size() != hypotheses.size()) {
                throw new IllegalArgumentException("reference stream " + (s + 1) + " has "
                        + (stream == null ? 0 : stream.size()) + " segments but there are "
                        + hypotheses.size() + " hypotheses");
            }
        }
        for (int i = 0; i < hypotheses.size(); i++) {
            if (hypotheses.get(i) == null) {
                throw new IllegalArgumentException("hypothesis " + (i + 1) + " must not be null");
            }
            for (int s = 0; s < referenceStreams.size(); s++) {
                if (referenceStreams.get(s).get(i) == null) {
                    throw new IllegalArgumentException("reference stream " + (s + 1) + ", segment " + (i + 1)
                            + " must not be null");
                }
            }
        }
    }

    /** The references of one segment, one from each stream. */
    static List<String> referencesOf(List<List<String>> referenceStreams, int segment) {
        return referenceStreams.stream().map(stream -> stream.get(segment)).toList();
    }
}
