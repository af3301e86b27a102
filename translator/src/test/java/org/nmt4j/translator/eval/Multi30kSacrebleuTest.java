package org.nmt4j.translator.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole-file scores on the real Multi30k test set, compared with the command line of sacreBLEU
 * 2.6.0: {@code sacrebleu test_2016_flickr.en -i test_2016_flickr.XX -m bleu chrf -w 2 [-lc --chrf-lowercase]}.
 * Scoring German or French against English gives low but non-trivial scores (shared names,
 * numbers, punctuation) over 1000 real segments with umlauts and accents.
 */
class Multi30kSacrebleuTest {

    @ParameterizedTest(name = "{0} vs en, lowercase={1}")
    @CsvSource(delimiter = '|', value = {
        "de|false|BLEU = 0.48 11.6/0.3/0.2/0.1 (BP = 0.932 ratio = 0.934 hyp_len = 12106 ref_len = 12955)|chrF2 = 17.96",
        "de|true |BLEU = 0.75 14.0/1.1/0.2/0.1 (BP = 0.932 ratio = 0.934 hyp_len = 12106 ref_len = 12955)|chrF2 = 20.11",
        "fr|false|BLEU = 0.67 10.2/0.7/0.2/0.1 (BP = 1.000 ratio = 1.042 hyp_len = 13505 ref_len = 12955)|chrF2 = 19.22",
        "fr|true |BLEU = 0.69 10.4/0.7/0.2/0.1 (BP = 1.000 ratio = 1.042 hyp_len = 13505 ref_len = 12955)|chrF2 = 19.52",
    })
    void matchesSacrebleuOnMulti30k(String language, boolean lowercase, String bleuLine, String chrfLine)
            throws IOException {
        Path dir = Path.of(System.getProperty("nmt4j.shared.dir", "../shared"), "corpora", "multi30k");
        Path hyp = dir.resolve("test_2016_flickr." + language);
        Path ref = dir.resolve("test_2016_flickr.en");
        Assumptions.assumeTrue(Files.isRegularFile(hyp) && Files.isRegularFile(ref),
                "Multi30k not found at " + dir + ": skipping");
        assertEquals(bleuLine, FileScorer.bleu(hyp, ref, BleuOptions.defaults().withLowercase(lowercase)).format());
        assertEquals(chrfLine, FileScorer.chrf(hyp, ref, ChrfOptions.defaults().withLowercase(lowercase)).format());
    }
}
