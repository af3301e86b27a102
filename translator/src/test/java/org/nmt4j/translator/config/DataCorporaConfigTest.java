package org.nmt4j.translator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nmt4j.corpora.CorpusFormat;
import org.nmt4j.corpora.CorpusSpec;

class DataCorporaConfigTest {

  private static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> ConfigYaml.parse(yaml, "c.yaml")).getMessage();
  }

  @Test
  void trainListFiltersAndNormalizeRoundTrip() {
    ExperimentConfig c = ConfigYaml.parse("""
        data:
          source-lang: de
          target-lang: en
          normalize: true
          train:
            - {src: a.de, tgt: a.en, weight: 3}
            - {tsv: b.tsv.gz, tsv-columns: "2,4"}
            - {tmx: m.tmx}
          filters: {max-length-ratio: 3, near-duplicates: true, source-script: Latin}
        """, "c.yaml");
    DataConfig d = c.data();
    assertEquals(3, d.train().size());
    assertEquals(3.0, d.train().get(0).effectiveWeight());
    assertEquals(1.0, d.train().get(1).effectiveWeight());
    CorpusSpec tsv = d.train().get(1).toSpec(d);
    assertEquals(CorpusFormat.TSV, tsv.format());
    assertEquals(4, tsv.targetColumn());
    CorpusSpec tmx = d.train().get(2).toSpec(d);
    assertEquals("de", tmx.sourceLanguage());
    assertEquals(3.0, d.filterConfig().maxLengthRatio());
    assertTrue(d.filterConfig().dropNearDuplicates());
    assertEquals("Latin", d.filterConfig().sourceScript());
    assertTrue(d.normalize());
    // what is saved reads back the same
    assertEquals(c, ConfigYaml.parse(ConfigYaml.toYaml(c), "saved"));
    // an older config without the new keys keeps the old behaviour
    DataConfig old = ConfigYaml.parse("data: {max-length: 50}", "old.yaml").data();
    assertEquals(0, old.train().size());
    assertEquals(org.nmt4j.corpora.FilterConfig.defaults().withMaxTokens(50, 50), old.filterConfig());
  }

  @Test
  void badEntriesAreNamed() {
    assertTrue(error("data: {train: [{src: a.de}]}").contains("data.train: src and tgt must be given together"));
    assertTrue(error("data: {train: [{src: a, tgt: b, tsv: c}]}")
        .contains("each corpus needs exactly one of src+tgt, tsv or tmx, got src, tgt, tsv"));
    assertTrue(error("data: {train: [{tsv: a.tsv, weight: 0}]}").contains("data.train: weight must be a number > 0"));
    assertTrue(error("data: {train: [{tsv: a.tsv, wieght: 2}]}").contains("wieght"));
    String script = error("data: {filters: {source-script: Klingon}}");
    assertTrue(script.startsWith("c.yaml:1: data.filters.source-script: unknown Unicode script 'Klingon'"), script);
    String ratio = error("data: {filters: {max-length-ratio: 0.5}}");
    assertTrue(ratio.contains("data.filters.max-length-ratio must be 0 (no limit) or a number >= 1"), ratio);
  }

  @Test
  void commandLineFormParses() {
    CorpusConfig a = CorpusConfig.parse("x/a.de,x/a.en,weight=2.5");
    assertEquals(CorpusConfig.aligned(Path.of("x/a.de"), Path.of("x/a.en")).src(), a.src());
    assertEquals(2.5, a.effectiveWeight());
    CorpusConfig t = CorpusConfig.parse("b.TSV.gz,columns=3:1");
    assertEquals("3,1", t.tsvColumns());
    assertEquals("fr", CorpusConfig.parse("m.tmx,src-lang=fr,tgt-lang=en").srcLang());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CorpusConfig.parse("a.de,a.en,wait=1"));
    assertEquals("--train a.de,a.en,wait=1: unknown key 'wait' (valid: weight, columns, src-lang, tgt-lang)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CorpusConfig.parse("a.de,weight=x"));
    assertTrue(e.getMessage().contains("weight must be a number"), e.getMessage());
  }
}
