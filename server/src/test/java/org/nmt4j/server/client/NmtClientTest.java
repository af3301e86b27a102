package org.nmt4j.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nmt4j.server.ServedModels;
import org.nmt4j.server.ServerConfig;
import org.nmt4j.server.ToyTranslator;
import org.nmt4j.server.TranslationServer;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translator;

/** The Java client against a server embedded from code, as the README shows. */
class NmtClientTest {
  @Test
  void embeddedServerAndClientTranslateLikeTheTranslator() {
    Translator translator = ToyTranslator.get();
    try (TranslationServer server = TranslationServer.start(ServerConfig.defaults().withPort(0),
        new ServedModels().add("de-en", translator).add("en-de", translator))) {
      NmtClient client = new NmtClient(server.uri());
      assertEquals(List.of("de-en", "en-de"), client.models());

      RemoteTranslation one = client.translate("en-de", "a b c");
      assertEquals(translator.translate("a b c").text(), one.text());
      assertEquals(translator.translate("a b c").logProbability(), one.logProbability(), 1e-4);
      assertTrue(one.samples().isEmpty());

      List<RemoteTranslation> sampled = client.translate("de-en", List.of("a b", "c d e"),
          Map.of("method", "sample", "seed", 4, "n_samples", 2));
      var want = translator.translateSamples(List.of("a b", "c d e"),
          DecodingOptions.sampling(1.0, 0, 1.0, 4).withSamples(2));
      assertEquals(2, sampled.size());
      assertEquals(want.get(1).get(1).text(), sampled.get(1).samples().get(1).text());

      NmtClientException unknown = assertThrows(NmtClientException.class, () -> client.translate("fr-en", "a"));
      assertEquals(404, unknown.status());
      assertTrue(unknown.getMessage().contains("no model named 'fr-en'"), unknown.getMessage());
    }
  }

  @Test
  void anUnreachableServerIsAClearError() {
    NmtClient client = new NmtClient(URI.create("http://127.0.0.1:1/"));
    NmtClientException e = assertThrows(NmtClientException.class, client::models);
    assertEquals(0, e.status());
    assertTrue(e.getMessage().startsWith("cannot reach http://127.0.0.1:1/"), e.getMessage());
  }
}
