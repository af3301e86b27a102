package org.nmt4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every invalid setting is refused with a message naming its option. */
class ServerConfigTest {
  @Test
  void invalidSettingsNameTheirOption() {
    ServerConfig d = ServerConfig.defaults();
    assertMessage("--port must be in 0..65535", () -> d.withPort(-1));
    assertMessage("--max-batch-size must be >= 1", () -> d.withBatching(0, 5));
    assertMessage("--max-batch-delay-ms must be >= 0", () -> d.withBatching(8, -1));
    assertMessage("--workers must be >= 1", () -> d.withWorkers(0));
    assertMessage("--max-queue-sentences (8) must be >= --max-request-sentences (9)",
        () -> d.withLimits(8, 9, 10, 4096));
    assertMessage("--max-sentence-tokens must be >= 1", () -> d.withLimits(8, 8, 0, 4096));
    assertMessage("--max-body-bytes must be >= 64", () -> d.withLimits(8, 8, 8, 10));
    assertMessage("--host must name an address", () -> new ServerConfig(" ", 1, 1, 1, 1, 1, 1, 1, 1, 64, 0));
  }

  @Test
  void modelNamesAreCheckedAndUnique() {
    assertMessage("model name 'a b'", () -> ServedModels.checkName("a b"));
    ServedModels models = new ServedModels().add("de-en", ToyTranslator.get());
    assertMessage("two models are named 'de-en'", () -> models.add("de-en", ToyTranslator.get()));
  }

  private static void assertMessage(String start, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertEquals(true, x.getMessage().startsWith(start), x.getMessage());
  }
}
