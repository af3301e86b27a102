package org.nmt4j.lm.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.lm.LanguageModel;
import org.nmt4j.lm.ToyTexts;
import org.nmt4j.lm.data.LmText;
import org.nmt4j.lm.model.LmConfig;
import org.nmt4j.lm.train.LmTrainer;
import org.nmt4j.lm.train.LmTrainingConfig;
import org.nmt4j.nn.InitConfig;
import org.nmt4j.nn.recurrent.CellType;
import org.nmt4j.tokenization.TokenizerSpec;
import org.nmt4j.tokenization.Tokenizers;

/**
 * An LSTM language model trained on generated text with quotes and brackets has a cell that
 * tracks "inside quotes", found by the correlation search, and the HTML view colours every
 * character of the text for each chosen cell.
 */
class CellInspectionTest {
  @TempDir static Path dir;
  static LanguageModel lm;
  static List<String> heldOut;

  @BeforeAll
  static void train() throws Exception {
    train(dir);
  }

  /** Trains the model into {@code dir} (once per JVM: the browser test reuses it). */
  static synchronized void train(Path dir) throws Exception {
    if (lm != null) {
      return;
    }
    TokenizerSpec spec = TokenizerSpec.parse("char");
    List<String> lines = ToyTexts.bracketsAndQuotes(3000, 11);
    List<String> tokens = LmText.tokens(Tokenizers.create(spec), lines);
    LmText text = LmText.build(spec, tokens);
    LmConfig config = new LmConfig(CellType.LSTM, 1, 64, 16, 0);
    LmTrainingConfig training = new LmTrainingConfig(16, 32, 2000, 1, 0.005, 5, 1, 2000, 2000, 8, 0);
    new LmTrainer(config, training, text, InitConfig.defaults(), List.of())
        .train(text.ids(tokens), null, dir);
    lm = LanguageModel.load(dir.resolve(LmTrainer.MODEL_FILE));
    heldOut = ToyTexts.bracketsAndQuotes(60, 12);
  }

  static CellActivations activations() {
    return CellActivations.of(lm, heldOut, 0, 100_000);
  }

  @Test
  void aCellTracksInsideQuotesAndTheSearchFindsIt() {
    CellActivations a = activations();
    Map<String, double[]> features = TextFeatures.of(a.tokens());
    List<CellCorrelations.Match> top = CellCorrelations.top(a, features, 5);
    System.out.println("top cells: " + top);
    CellCorrelations.Match quote = top.stream().filter(m -> m.feature().equals("inside quotes"))
        .findFirst().orElseThrow(() -> new AssertionError("no quote cell in " + top));
    assertTrue(Math.abs(quote.r()) >= 0.8, quote.toString());
    assertEquals("c", a.state());
    assertEquals(64, a.cells());
  }

  @Test
  void thePageColoursEveryTokenOfEveryChosenCell() {
    CellActivations a = activations();
    String html = CellViewPage.html("test", a, List.of(new CellViewPage.Shown(3, "x"),
        new CellViewPage.Shown(5, "")));
    int spans = html.split("<span class=\"a\"", -1).length - 1;
    assertEquals(2 * a.tokens().size(), spans);
    assertTrue(!html.contains("http") && !html.contains("<script"), "the page must be self-contained");
  }
}
