package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JitDirectivesTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(JitDirectives.PROPERTY);
  }

  @Test
  void hotSpotTakesTheDirectives() {
    assertTrue(JitDirectives.apply(), "HotSpot refused the directives");
    String printed = JitDirectives.printed();
    assertNotNull(printed);
    // both directives, in order: the numeric loops first (the first match wins)
    int keep = printed.indexOf("org/nmt4j/decoder/search/impl/");
    int glue = printed.indexOf("org/nd4j/");
    assertTrue(keep >= 0 && glue > keep, printed);
  }

  @Test
  void c2LeavesHotSpotAlone() {
    System.setProperty(JitDirectives.PROPERTY, "C2");
    assertFalse(JitDirectives.configured());
    System.setProperty(JitDirectives.PROPERTY, "c1");
    assertTrue(JitDirectives.configured());
  }

  @Test
  void aBadValueNamesTheProperty() {
    System.setProperty(JitDirectives.PROPERTY, "c3");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, JitDirectives::configured);
    assertTrue(e.getMessage().contains("nmt4j.jit.glue") && e.getMessage().contains("c3"),
        e.getMessage());
  }
}
