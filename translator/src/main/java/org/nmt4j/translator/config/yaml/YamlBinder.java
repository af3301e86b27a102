package org.nmt4j.translator.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.nmt4j.decoder.DecoderConfig;
import org.nmt4j.encoder.EncoderConfig;
import org.nmt4j.translator.config.ConfigException;
import org.nmt4j.translator.config.ConfigOverride;
import org.nmt4j.translator.config.ExperimentConfig;

/**
 * Binds YAML to {@link ExperimentConfig} with Jackson.
 *
 * <p>The tree of the default config is the schema: a user document is merged onto it key by key,
 * so a key the defaults lack is unknown (reported with the valid keys at that level) and a value
 * whose JSON type differs from the default's is a type error, both before Jackson builds the
 * records. The records' own constructors then check the values.
 *
 * <p>One key moved: {@code training.embedding-dropout} (before 0.2) is now the model's {@code
 * model.encoder.embedding-dropout} and {@code model.decoder.embedding-dropout}. Documents and
 * overrides with the old key (configs and model files written before the move) are read as if
 * they set both new keys, unless those are given too.
 */
public final class YamlBinder {
  private static final YamlBinder INSTANCE = new YamlBinder();

  private final ObjectMapper mapper;
  private final ObjectNode defaults;

  private YamlBinder() {
    YAMLFactory factory =
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    mapper = new ObjectMapper(factory);
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.addMixIn(EncoderConfig.class, ModelConfigMixins.Encoder.class);
    mapper.addMixIn(DecoderConfig.class, ModelConfigMixins.Decoder.class);
    defaults = mapper.valueToTree(ExperimentConfig.defaults());
  }

  /** The shared binder (thread-safe: the mapper is configured once). */
  public static YamlBinder instance() {
    return INSTANCE;
  }

  /** Parses a YAML document onto the defaults. */
  public ExperimentConfig parse(String text, String name) {
    JsonNode user;
    try {
      user = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new ConfigException(at(name, line) + "invalid YAML: " + e.getOriginalMessage());
    }
    ObjectNode merged = defaults.deepCopy();
    if (user != null && !user.isMissingNode() && !user.isNull()) {
      if (!user.isObject()) {
        throw new ConfigException(
            name + ": must be a mapping with the sections " + keys(defaults));
      }
      moveEmbeddingDropout((ObjectNode) user);
      merge(merged, user, "", name, text);
    }
    return bind(merged, name, text);
  }

  /**
   * Applies overrides: each is checked for an unknown key or a wrong type as it is applied (the
   * message starts with its origin), then the records are built once, so that options that must
   * come together (such as both vocabulary files) can be given by separate overrides.
   */
  public ExperimentConfig override(ExperimentConfig config, List<ConfigOverride> overrides) {
    ObjectNode tree = mapper.valueToTree(config);
    List<ConfigOverride> moved = new ArrayList<>();
    for (ConfigOverride o : overrides) {
      if (o.path().equals(LEGACY_EMBEDDING_DROPOUT)) {
        moved.add(new ConfigOverride("model.encoder.embedding-dropout", o.value(), o.origin()));
        moved.add(new ConfigOverride("model.decoder.embedding-dropout", o.value(), o.origin()));
      } else {
        moved.add(o);
      }
    }
    overrides = moved;
    for (ConfigOverride o : overrides) {
      String[] parts = o.path().split("\\.");
      ObjectNode parent = tree;
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < parts.length - 1; i++) {
        JsonNode child = parent.get(parts[i]);
        if (child == null || !child.isObject()) {
          throw new ConfigException(
              o.origin() + ": unknown config key '" + o.path() + "'; valid keys"
                  + (prefix.length() == 0 ? "" : " under " + prefix) + ": " + keys(parent));
        }
        prefix.append(prefix.length() == 0 ? "" : ".").append(parts[i]);
        parent = (ObjectNode) child;
      }
      ObjectNode patch = mapper.createObjectNode();
      patch.set(parts[parts.length - 1], mapper.valueToTree(o.value()));
      merge(parent, patch, prefix.length() == 0 ? "" : prefix + ".", o.origin(), null);
    }
    try {
      return bind(tree, "", null);
    } catch (ConfigException e) {
      String msg = e.getMessage().substring(2); // bind's empty source name left ": "
      String key = msg.split("[ :]", 2)[0];
      for (ConfigOverride o : overrides) {
        if (o.path().equals(key) || o.path().equals("model." + key)) {
          throw new ConfigException(o.origin() + ": " + msg, e);
        }
      }
      throw new ConfigException(msg, e);
    }
  }

  /** The old place of the embedding dropout (a training option before it became the model's). */
  private static final String LEGACY_EMBEDDING_DROPOUT = "training.embedding-dropout";

  /**
   * Moves a {@code training.embedding-dropout} of a user document to both sides' {@code
   * model.*.embedding-dropout} (where not set).
   */
  private static void moveEmbeddingDropout(ObjectNode user) {
    JsonNode training = user.get("training");
    if (training == null || !training.isObject() || !training.has("embedding-dropout")) {
      return;
    }
    JsonNode value = ((ObjectNode) training).remove("embedding-dropout");
    JsonNode model = user.get("model");
    if (model == null || !model.isObject()) {
      if (model != null) {
        return; // a malformed model section is reported by the merge
      }
      model = user.putObject("model");
    }
    for (String side : new String[] {"encoder", "decoder"}) {
      JsonNode s = model.get(side);
      if (s == null) {
        s = ((ObjectNode) model).putObject(side);
      }
      if (s.isObject() && !s.has("embedding-dropout")) {
        ((ObjectNode) s).set("embedding-dropout", value);
      }
    }
  }

  /** The keys whose values differ, as {@code path: a -> b}, in document order. */
  public List<String> differences(ExperimentConfig a, ExperimentConfig b) {
    List<String> out = new ArrayList<>();
    diff(mapper.valueToTree(a), mapper.valueToTree(b), "", out);
    return out;
  }

  private static void diff(JsonNode a, JsonNode b, String prefix, List<String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = a.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode other = b.get(e.getKey());
      String path = prefix + e.getKey();
      if (e.getValue().isObject() && other != null && other.isObject()) {
        diff(e.getValue(), other, path + ".", out);
      } else if (!e.getValue().equals(other)) {
        out.add(path + ": " + e.getValue() + " -> " + other);
      }
    }
  }

  /** Writes every key, nested mappings in block style. */
  public String toYaml(ExperimentConfig config) {
    try {
      return mapper.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config as YAML: " + e.getOriginalMessage(), e);
    }
  }

  private void merge(ObjectNode target, JsonNode user, String prefix, String name, String text) {
    Iterator<Map.Entry<String, JsonNode>> it = user.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String path = prefix + key;
      JsonNode def = target.get(key);
      JsonNode value = e.getValue();
      if (def == null) {
        throw new ConfigException(
            at(name, line(text, path)) + "unknown key '" + path + "'; valid keys"
                + (prefix.isEmpty() ? "" : " under " + prefix.substring(0, prefix.length() - 1))
                + ": " + keys(target));
      }
      if (def.isObject()) {
        if (!value.isObject()) {
          throw new ConfigException(
              at(name, line(text, path)) + path + " must be a mapping with the keys " + keys(def)
                  + ", got " + describe(value));
        }
        merge((ObjectNode) def, value, path + ".", name, text);
        continue;
      }
      String expected = expectedType(def, value);
      if (expected != null) {
        throw new ConfigException(
            at(name, line(text, path)) + path + " must be " + expected + ", got "
                + describe(value));
      }
      target.set(key, value);
    }
  }

  /** Null when the value fits the default's type, else the type wanted. */
  private static String expectedType(JsonNode def, JsonNode value) {
    if (def.isNull()) {
      return value.isValueNode() ? null : "a string or empty";
    }
    if (value.isNull()) {
      return def.isIntegralNumber() ? "an integer" : def.isNumber() ? "a number"
          : def.isBoolean() ? "true or false" : "a string";
    }
    if (def.isIntegralNumber()) {
      return value.isIntegralNumber() ? null : "an integer";
    }
    if (def.isNumber()) {
      return value.isNumber() ? null : "a number";
    }
    if (def.isBoolean()) {
      return value.isBoolean() ? null : "true or false";
    }
    if (def.isTextual()) {
      return value.isValueNode() ? null : "a string";
    }
    return null;
  }

  private ExperimentConfig bind(ObjectNode tree, String name, String text) {
    try {
      return mapper.treeToValue(tree, ExperimentConfig.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String msg = cause.getMessage() == null ? e.getOriginalMessage() : cause.getMessage();
      // the records' messages start with the dotted key they are about
      String key = msg.split("[ :]", 2)[0];
      int line = line(text, key);
      if (line < 0) {
        // the model records name their keys without the "model." section
        line = line(text, "model." + key);
      }
      throw new ConfigException(at(name, line) + msg, e);
    } catch (JsonMappingException e) {
      String path = path(e);
      throw new ConfigException(
          at(name, line(text, path)) + path + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": " + e.getOriginalMessage(), e);
    }
  }

  private int line(String text, String path) {
    return text == null ? -1 : KeyLocator.lineOf(mapper.getFactory(), text, path);
  }

  private static String at(String name, int line) {
    return line > 0 ? name + ":" + line + ": " : name + ": ";
  }

  private static String path(JsonMappingException e) {
    List<String> parts = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      parts.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
    }
    return String.join(".", parts);
  }

  private static String keys(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return String.join(", ", names);
  }

  private static String describe(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      return "nothing";
    }
    return "'" + v.asText() + "'";
  }
}
