package org.nmt4j.tokenization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.tokenization.bpe.BpeCodec;
import org.nmt4j.tokenization.bpe.BpeLearner;
import org.nmt4j.tokenization.bpe.BpeMerges;

/**
 * Multi30k train through every tokenizer, BPE and vocabularies; skipped when the corpus is not
 * at {@code ${nmt4j.shared.dir}/corpora/multi30k}. Prints the figures it measures.
 */
class Multi30kTokenizationTest {

    private static final List<String> LANGUAGES = List.of("de", "en", "fr");
    private static Path corpus;
    private static final Map<String, List<String>> TRAIN = new LinkedHashMap<>();

    @TempDir
    Path dir;

    /** Per test, not in @BeforeAll: there an assumption hides the tests instead of skipping them. */
    @BeforeEach
    void requireCorpus() {
        Assumptions.assumeTrue(Files.isRegularFile(corpus.resolve("train.de")),
                "Multi30k not found at " + corpus.toAbsolutePath() + ": skipping");
    }

    @BeforeAll
    static void findCorpus() throws IOException {
        corpus = Path.of(System.getProperty("nmt4j.shared.dir", "../../shared"), "corpora", "multi30k");
        if (!Files.isRegularFile(corpus.resolve("train.de"))) {
            return; // every test is then skipped by requireCorpus, with the reason
        }
        for (String lang : LANGUAGES) {
            TRAIN.put(lang, Files.readAllLines(corpus.resolve("train." + lang), StandardCharsets.UTF_8));
        }
    }

    @Test
    void roundTripRatesPerTokenizerAndLanguage() {
        List<String> failures = new ArrayList<>();
        System.out.println("Multi30k train: detokenize(tokenize(s)) == s");
        for (String kind : TokenizerSpec.KINDS) {
            for (String lang : LANGUAGES) {
                Tokenizer tokenizer = Tokenizers.create(TokenizerSpec.of(kind, lang));
                List<String> lines = TRAIN.get(lang);
                long start = System.nanoTime();
                int same = 0;
                long tokens = 0;
                for (String line : lines) {
                    List<String> t = tokenizer.tokenize(line);
                    tokens += t.size();
                    if (tokenizer.detokenize(t).equals(line)) {
                        same++;
                    }
                }
                double rate = (double) same / lines.size();
                System.out.printf("  %-10s %s: %.3f%% of %d lines, %d tokens, reversible=%s, %.2f s%n", kind, lang,
                        100 * rate, lines.size(), tokens, tokenizer.reversible(), (System.nanoTime() - start) / 1e9);
                if (tokenizer.reversible() && rate < 0.99) {
                    failures.add(kind + " " + lang + ": " + rate);
                }
            }
        }
        assertEquals(List.of(), failures, "tokenizers that claim reversibility below 99%");
    }

    @Test
    void jointBpeIsFastAndLosslessAndVocabulariesCoverTheText() throws IOException {
        Tokenizer de = Tokenizers.create(TokenizerSpec.of("lucene", "de"));
        Tokenizer en = Tokenizers.create(TokenizerSpec.of("lucene", "en"));
        List<List<String>> deTokens = tokenizeAll(de, TRAIN.get("de"));
        List<List<String>> enTokens = tokenizeAll(en, TRAIN.get("en"));
        TokenCounts deWords = count(deTokens);
        TokenCounts enWords = count(enTokens);

        long start = System.nanoTime();
        BpeMerges merges = new BpeLearner().learnJoint(deWords.asMap(), enWords.asMap(), 10_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BPE: learned %d joint merges on Multi30k train de+en (lucene tokens, %d + %d word types)"
                + " in %.2f s%n", merges.size(), deWords.distinct(), enWords.distinct(), seconds);
        assertEquals(10_000, merges.size());

        start = System.nanoTime();
        BpeMerges deOnly = new BpeLearner().learn(deWords.asMap(), 5_000);
        System.out.printf("BPE: learned %d de-only merges in %.2f s%n", deOnly.size(), (System.nanoTime() - start) / 1e9);

        Path mergesFile = dir.resolve("bpe.merges");
        merges.save(mergesFile);
        BpeCodec codec = new BpeCodec(BpeMerges.load(mergesFile));
        start = System.nanoTime();
        TokenCounts deSub = new TokenCounts();
        TokenCounts enSub = new TokenCounts();
        int lossless = 0;
        for (List<String> sentence : deTokens) {
            List<String> sub = codec.encode(sentence);
            deSub.addAll(sub);
            lossless += codec.decode(sub).equals(sentence) ? 1 : 0;
        }
        for (List<String> sentence : enTokens) {
            List<String> sub = codec.encode(sentence);
            enSub.addAll(sub);
            lossless += codec.decode(sub).equals(sentence) ? 1 : 0;
        }
        System.out.printf("BPE: applied and undone on %d sentences in %.2f s, lossless on %d; subword tokens de %d"
                + " (words %d), en %d (words %d)%n", deTokens.size() + enTokens.size(),
                (System.nanoTime() - start) / 1e9, lossless, deSub.total(), deWords.total(), enSub.total(), enWords.total());
        assertEquals(deTokens.size() + enTokens.size(), lossless, "BPE apply/undo lost sentences");

        Vocabulary deVocab = Vocabulary.build(deSub.asMap(), 1, Vocabulary.UNLIMITED);
        Vocabulary enVocab = Vocabulary.build(enSub.asMap(), 1, Vocabulary.UNLIMITED);
        Vocabulary shared = Vocabulary.buildShared(deSub.asMap(), enSub.asMap(), 1, Vocabulary.UNLIMITED);
        Vocabulary wordsDe = Vocabulary.build(deWords.asMap(), 2, Vocabulary.UNLIMITED);
        TokenCounts valDe = count(tokenizeAll(de, Files.readAllLines(corpus.resolve("val.de"), StandardCharsets.UTF_8)));
        TokenCounts valDeSub = new TokenCounts();
        for (List<String> s : tokenizeAll(de, Files.readAllLines(corpus.resolve("val.de"), StandardCharsets.UTF_8))) {
            valDeSub.addAll(codec.encode(s));
        }
        System.out.printf("Vocabularies: BPE de %d, en %d, shared %d; words de (min freq 2) %d%n", deVocab.size(),
                enVocab.size(), shared.size(), wordsDe.size());
        System.out.printf("Coverage of val.de: BPE de vocabulary %.4f, word vocabulary %.4f%n",
                deVocab.coverage(valDeSub.asMap()), wordsDe.coverage(valDe.asMap()));
        assertEquals(1.0, deVocab.coverage(deSub.asMap()), 0.0);
        assertTrue(shared.size() <= deVocab.size() + enVocab.size() - 4);
        assertTrue(deVocab.coverage(valDeSub.asMap()) > wordsDe.coverage(valDe.asMap()));

        Path vocabFile = dir.resolve("vocab.src.tsv");
        deVocab.save(vocabFile);
        assertEquals(deVocab, Vocabulary.load(vocabFile));
    }

    private static List<List<String>> tokenizeAll(Tokenizer tokenizer, List<String> lines) {
        List<List<String>> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(tokenizer.tokenize(line));
        }
        return out;
    }

    private static TokenCounts count(List<List<String>> sentences) {
        TokenCounts counts = new TokenCounts();
        for (List<String> s : sentences) {
            counts.addAll(s);
        }
        return counts;
    }
}
