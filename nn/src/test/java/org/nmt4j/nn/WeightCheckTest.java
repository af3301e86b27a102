package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightCheckTest {
  /** Parameters with a small tensor first (so that "w" is a view at an offset) and a large one. */
  private static Parameters params() {
    Parameters p = Parameters.builder(DataType.FLOAT).add("pad", 3).add("w", 100, 97).build();
    p.flatValues().assign(Nd4j.rand(DataType.FLOAT, 1, p.count()));
    return p;
  }

  private static WeightCheck checkOf(INDArray w) {
    return new WeightCheck(new INDArray[] {w}, new INDArray[] {w.dup('c')});
  }

  @Test
  void anAnnouncedOneUlpChangeAnywhereIsNoticed() {
    Parameters p = params();
    INDArray w = p.value("w");
    WeightCheck check = checkOf(w);
    assertTrue(check.isCurrent());
    // an element between the sampled runs: only the full comparison can see it
    w.putScalar(50, 40, Math.nextUp(w.getFloat(50, 40)));
    p.valuesChanged();
    assertFalse(check.isCurrent());
    assertFalse(check.isCurrent(), "still stale on the next call");
  }

  @Test
  void anAnnouncedWriteOfEqualValuesKeepsTheCheckCurrent() {
    Parameters p = params();
    INDArray w = p.value("w");
    WeightCheck check = checkOf(w);
    w.assign(w.dup());
    p.valuesChanged();
    assertTrue(check.isCurrent());
    assertTrue(check.isCurrent());
  }

  @Test
  void anUnannouncedChangeOfEveryWeightIsCaughtByTheSample() {
    Parameters p = params();
    INDArray w = p.value("w");
    WeightCheck check = checkOf(w);
    assertTrue(check.isCurrent());
    // what an optimiser step that forgot to announce would do
    w.addi(1e-3);
    assertFalse(check.isCurrent());
  }

  @Test
  void smallArraysAreComparedInFullEvenWithoutAnAnnouncement() {
    INDArray b = Nd4j.rand(DataType.FLOAT, 1, 1000);
    WeightCheck check = checkOf(b);
    b.putScalar(0, 517, Math.nextUp(b.getFloat(0, 517)));
    assertFalse(check.isCurrent());
  }

  @Test
  void everyArrayOfACheckCounts() {
    Parameters p = params();
    INDArray pad = p.value("pad");
    INDArray w = p.value("w");
    WeightCheck check = new WeightCheck(new INDArray[] {w, pad},
        new INDArray[] {w.dup('c'), pad.dup('c')});
    pad.putScalar(1, pad.getFloat(1) + 1f);
    p.valuesChanged();
    assertFalse(check.isCurrent());
  }
}
