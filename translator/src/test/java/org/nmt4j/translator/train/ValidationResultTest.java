package org.nmt4j.translator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ValidationResultTest {
  @Test
  void outcomeNamesTheMetricTheBestTheDecayAndTheStop() {
    ValidationResult best =
        new ValidationResult(250, 1, 2.5, 12.18, 900, "bleu", 20.5, true, 20.5, 250, 1e-3,
            false, 0, false);
    assertEquals(", bleu 20.500, new best", best.outcome());
    ValidationResult worse =
        new ValidationResult(500, 2, 2.4, 11.02, 900, "bleu", 19.25, false, 20.5, 250, 5e-4,
            true, 2, true);
    assertEquals(", bleu 19.250, best 20.500 at step 250, learning rate decayed to 0.000500"
        + ", early stopping after 2 validations without improvement", worse.outcome());
    ValidationResult ppl =
        new ValidationResult(500, 2, 2.4, 11.02, 900, "ppl", 11.02, false, 10.5, 250, 1e-3,
            false, 1, false);
    assertEquals(", best 10.500 at step 250", ppl.outcome());
  }
}
