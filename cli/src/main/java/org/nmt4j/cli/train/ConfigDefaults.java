package org.nmt4j.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ListResourceBundle;
import org.nmt4j.translator.config.ConfigYaml;
import org.nmt4j.translator.config.ExperimentConfig;

/**
 * The experiment config's defaults, for the help of {@code train} and {@code vocab}: their flags
 * have no picocli default (a flag given overrides the config file, a flag not given does not),
 * so their descriptions name the default as {@code ${bundle:default.training.learning-rate}},
 * read from this bundle, which holds every scalar of {@link ExperimentConfig#defaults()} under
 * {@code default.} and its dotted path.
 */
public final class ConfigDefaults extends ListResourceBundle {
  @Override
  protected Object[][] getContents() {
    List<Object[]> entries = new ArrayList<>();
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory())
          .readTree(ConfigYaml.toYaml(ExperimentConfig.defaults()));
      flatten("default", root, entries);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries.toArray(Object[][]::new);
  }

  private static void flatten(String path, JsonNode node, List<Object[]> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(path + "." + e.getKey(), e.getValue(), out);
      }
    } else if (node.isValueNode()) {
      out.add(new Object[] {path, node.isNull() ? "none" : node.asText()});
    }
  }
}
