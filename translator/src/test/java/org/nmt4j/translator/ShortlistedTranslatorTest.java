package org.nmt4j.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.tokenization.Vocabulary;
import org.nmt4j.translator.decode.Seq2SeqTranslationModel;
import org.nmt4j.translator.shortlist.Shortlist;

/**
 * {@link Translator#withShortlist}: a shortlist of every id changes nothing; a short one keeps
 * greedy and sampled outputs on its tokens; scores still use the whole vocabulary.
 */
class ShortlistedTranslatorTest {
  @Test
  void aShortlistOfEveryIdTranslatesExactlyAsTheWholeVocabulary() {
    Seq2SeqTranslationModel model = TinySeq2Seq.model(11, DataType.FLOAT);
    int v = model.model().targetVocabularySize();
    int[] all = new int[v];
    for (int i = 0; i < v; i++) {
      all[i] = i;
    }
    Shortlist everything = new Shortlist(v, all, new int[model.model().sourceVocabularySize()][]);
    List<String> sentences = TinySeq2Seq.sentences(50, 5);
    Translator whole = Translator.of(model);
    Translator listed = whole.withShortlist(everything);
    assertEquals(texts(whole.translate(sentences)), texts(listed.translate(sentences)));
  }

  @Test
  void outputsKeepToTheShortlist() {
    Seq2SeqTranslationModel model = TinySeq2Seq.model(11, DataType.FLOAT);
    Vocabulary vocabulary = model.targetVocabulary();
    int sources = model.model().sourceVocabularySize();
    // w0..w4 for everyone, and w20 wherever the source has w7
    int[] frequent = new int[5];
    for (int i = 0; i < 5; i++) {
      frequent[i] = vocabulary.id("w" + i);
    }
    int[][] bySource = new int[sources][];
    bySource[model.sourceVocabulary().id("w7")] = new int[] {vocabulary.id("w20")};
    Shortlist shortlist = new Shortlist(vocabulary.size(), frequent, bySource);
    List<String> sentences = TinySeq2Seq.sentences(60, 8);
    Translator whole = Translator.of(model);
    Translator listed = whole.withShortlist(shortlist);
    Set<String> always = Set.of("w0", "w1", "w2", "w3", "w4", "<unk>");
    List<Translation> greedy = listed.translate(sentences);
    List<Translation> sampled = listed.translate(sentences,
        DecodingOptions.sampling(1.5, 0, 1.0, 3));
    // (w20 may come in any sentence of a batch with a w7 somewhere: the list is per batch)
    for (int i = 0; i < sentences.size(); i++) {
      for (Translation t : List.of(greedy.get(i), sampled.get(i))) {
        for (String token : t.tokens()) {
          assertTrue(always.contains(token) || token.equals("w20"),
              "'" + token + "' is not on the shortlist: " + t.text());
        }
      }
    }
    // alone in its batch, a sentence without w7 never gets w20
    for (String sentence : sentences.subList(0, 20)) {
      if (!List.of(sentence.split(" ")).contains("w7")) {
        assertTrue(!listed.translate(sentence).tokens().contains("w20"), sentence);
      }
    }
    // the whole vocabulary's outputs leave the list: the list made a difference
    List<String> free = new ArrayList<>();
    whole.translate(sentences).forEach(t -> free.addAll(t.tokens()));
    assertTrue(free.stream().anyMatch(tok -> !always.contains(tok) && !tok.equals("w20")),
        "the unrestricted outputs should use other tokens too");
    // scoring uses the whole vocabulary
    String target = "w9 w12 w25";
    assertEquals(whole.score(sentences.get(0), target).logProbability(),
        listed.score(sentences.get(0), target).logProbability(), 1e-9);
    assertTrue(Double.isFinite(listed.score(sentences.get(0), target).logProbability()));
  }

  @Test
  void aBatchWithNoOrdinaryTokenListedDecodesOverTheWholeVocabulary() {
    Seq2SeqTranslationModel model = TinySeq2Seq.model(11, DataType.FLOAT);
    Shortlist empty = new Shortlist(model.model().targetVocabularySize(), new int[0],
        new int[model.model().sourceVocabularySize()][]);
    List<String> sentences = TinySeq2Seq.sentences(20, 4);
    DecodingOptions atLeastAsLong = DecodingOptions.greedy().withMinLengthRatio(1.0);
    Translator whole = Translator.of(model);
    List<Translation> listed = whole.withShortlist(empty).translate(sentences, atLeastAsLong);
    assertEquals(texts(whole.translate(sentences, atLeastAsLong)), texts(listed));
    listed.forEach(t -> assertTrue(!t.tokens().contains("<pad>") && !t.tokens().isEmpty(),
        t.text()));
  }

  @Test
  void aShortlistNeedsOneSeq2SeqModelOfItsVocabularies() {
    Translator reversing = Translator.of(new ReversingModel());
    Shortlist any = new Shortlist(ReversingModel.V, new int[0], new int[ReversingModel.V][]);
    assertThrows(IllegalArgumentException.class, () -> reversing.withShortlist(any));
    Seq2SeqTranslationModel model = TinySeq2Seq.model(11, DataType.FLOAT);
    Shortlist other = new Shortlist(model.model().targetVocabularySize() + 1, new int[0],
        new int[model.model().sourceVocabularySize()][]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Translator.of(model).withShortlist(other));
    assertTrue(e.getMessage().startsWith("the shortlist is for vocabularies of "),
        e.getMessage());
  }

  private static List<String> texts(List<Translation> translations) {
    return translations.stream().map(Translation::text).toList();
  }
}
