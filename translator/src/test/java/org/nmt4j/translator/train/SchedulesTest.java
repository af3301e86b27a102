package org.nmt4j.translator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nmt4j.translator.config.LrDecayConfig;

class SchedulesTest {
  @Test
  void plateauDecaysAfterPatienceBadValidationsDownToTheMinimum() {
    PlateauDecay d = new PlateauDecay(new LrDecayConfig(0.5, 2, 0.2), MetricGoal.MINIMISE, 1.0);
    assertFalse(d.observe(10)); // first value is a best
    assertFalse(d.observe(9)); // better
    assertFalse(d.observe(9.5)); // bad 1
    assertTrue(d.observe(9.2)); // bad 2 -> decay
    assertEquals(0.5, d.learningRate());
    assertEquals(0, d.badValidations());
    assertFalse(d.observe(9.0)); // equal is not better: bad 1
    assertTrue(d.observe(9.9)); // bad 2 -> decay
    assertEquals(0.25, d.learningRate());
    assertFalse(d.observe(12));
    assertTrue(d.observe(12)); // to the minimum
    assertEquals(0.2, d.learningRate());
    assertFalse(d.observe(12));
    assertFalse(d.observe(12)); // already at the minimum
    assertEquals(0.2, d.learningRate());
    assertFalse(d.observe(1)); // improvement resets
    assertEquals(1.0, d.best());
  }

  @Test
  void plateauRestoresItsState() {
    PlateauDecay d = new PlateauDecay(new LrDecayConfig(0.5, 2, 0), MetricGoal.MINIMISE, 1.0);
    d.restore(0.125, 3.0, 1);
    assertTrue(d.observe(3.5));
    assertEquals(0.0625, d.learningRate());
  }

  @Test
  void earlyStoppingCountsValidationsWithoutImprovement() {
    EarlyStopping e = new EarlyStopping(3, MetricGoal.MINIMISE);
    assertEquals(-1, e.bestStep());
    assertTrue(e.observe(5, 100));
    assertFalse(e.observe(6, 200));
    assertFalse(e.observe(5, 300));
    assertFalse(e.shouldStop());
    assertTrue(e.observe(4, 400));
    assertEquals(400, e.bestStep());
    assertFalse(e.observe(Double.NaN, 500));
    assertFalse(e.observe(4.1, 600));
    assertFalse(e.observe(4.2, 700));
    assertTrue(e.shouldStop());
    assertEquals(4, e.best());
  }

  @Test
  void maximisedMetricsAndDisabledPatience() {
    EarlyStopping e = new EarlyStopping(0, MetricGoal.MAXIMISE);
    assertTrue(e.observe(10, 1));
    assertTrue(e.observe(12, 2));
    for (int i = 0; i < 50; i++) {
      assertFalse(e.observe(11, 3 + i));
    }
    assertFalse(e.shouldStop());
    assertEquals(MetricGoal.MINIMISE, MetricGoal.of("ppl"));
    assertThrows(IllegalArgumentException.class, () -> MetricGoal.of("ter"));
  }

  @Test
  void dropoutSeedsDependOnSeedAndStepOnly() {
    assertEquals(DropoutSeeds.forStep(1, 5), DropoutSeeds.forStep(1, 5));
    assertFalse(DropoutSeeds.forStep(1, 5) == DropoutSeeds.forStep(1, 6));
    assertFalse(DropoutSeeds.forStep(1, 5) == DropoutSeeds.forStep(2, 5));
  }
}
