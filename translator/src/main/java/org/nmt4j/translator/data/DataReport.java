package org.nmt4j.translator.data;

import java.util.Map;

/**
 * What the data preparation did, for the user.
 *
 * @param trainRead training pairs read
 * @param trainKept training pairs kept after the filters
 * @param drops training pairs dropped, by filter rule (and pairs a reader skipped, by reason)
 * @param validPairs validation pairs (0 without validation data)
 * @param bpeMerges BPE merges in use per side (0 without subwords)
 * @param sourceVocabularySize source vocabulary entries, specials included
 * @param targetVocabularySize target vocabulary entries
 * @param sourceCoverage share of running source training tokens with their own id
 * @param targetCoverage the same for the target side
 * @param reusedFiles whether merges and vocabularies were read from the output directory (a
 *     resumed run) rather than learned
 */
public record DataReport(
    long trainRead,
    long trainKept,
    Map<String, Long> drops,
    long validPairs,
    int bpeMerges,
    int sourceVocabularySize,
    int targetVocabularySize,
    double sourceCoverage,
    double targetCoverage,
    boolean reusedFiles) {}
