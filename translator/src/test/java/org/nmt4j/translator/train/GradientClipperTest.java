package org.nmt4j.translator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nmt4j.nn.Parameters;

class GradientClipperTest {
  private static Parameters withGradient(double... g) {
    Parameters p = Parameters.builder(DataType.DOUBLE).add("x", 1).add("y", g.length - 1).build();
    for (int i = 0; i < g.length; i++) {
      p.flatGradients().putScalar(0, i, g[i]);
    }
    return p;
  }

  @Test
  void scalesLargeGradientsToTheLimitKeepingDirection() {
    Parameters p = withGradient(3, 4, 0); // norm 5
    GradientClipper c = new GradientClipper(1.0);
    assertEquals(5.0, c.clip(p), 1e-12);
    assertTrue(c.clips(5.0));
    assertEquals(1.0, p.gradientNorm(), 1e-12);
    assertEquals(0.6, p.flatGradients().getDouble(0, 0), 1e-12);
    assertEquals(0.8, p.flatGradients().getDouble(0, 1), 1e-12);
    assertEquals(1, c.clippedCount());
  }

  @Test
  void leavesSmallGradientsAndCountsOnlyClips() {
    Parameters p = withGradient(0.3, 0.4);
    GradientClipper c = new GradientClipper(1.0);
    assertEquals(0.5, c.clip(p), 1e-12);
    assertFalse(c.clips(0.5));
    assertEquals(0.3, p.flatGradients().getDouble(0, 0), 1e-12);
    assertEquals(0, c.clippedCount());
    c.clip(withGradient(30, 40));
    c.clip(withGradient(0.5, 0.5));
    c.clip(withGradient(2, 0));
    assertEquals(2, c.clippedCount());
    c.restoreClippedCount(10);
    assertEquals(10, c.clippedCount());
  }

  @Test
  void zeroDisablesAndNaNIsReportedNotScaled() {
    Parameters p = withGradient(30, 40);
    GradientClipper off = new GradientClipper(0);
    assertEquals(50, off.clip(p), 1e-9);
    assertEquals(50, p.gradientNorm(), 1e-9);
    assertEquals(0, off.clippedCount());
    Parameters nan = withGradient(Double.NaN, 1);
    GradientClipper c = new GradientClipper(1);
    assertTrue(Double.isNaN(c.clip(nan)));
    assertEquals(0, c.clippedCount());
  }
}
