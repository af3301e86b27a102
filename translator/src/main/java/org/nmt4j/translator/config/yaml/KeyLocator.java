package org.nmt4j.translator.config.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Finds the line of a dotted key path in a YAML document, for error messages. */
final class KeyLocator {
  private KeyLocator() {}

  /** The 1-based line where {@code path} is defined, or -1 when it is not in the document. */
  static int lineOf(JsonFactory factory, String text, String path) {
    try (JsonParser p = factory.createParser(text)) {
      Deque<String> stack = new ArrayDeque<>();
      String field = null;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> {
            field = p.currentName();
            if (join(stack, field).equals(path)) {
              return p.currentTokenLocation().getLineNr();
            }
          }
          case START_OBJECT -> {
            stack.addLast(field == null ? "" : field);
            field = null;
          }
          case END_OBJECT -> stack.removeLast();
          case START_ARRAY -> p.skipChildren();
          default -> { }
        }
      }
    } catch (IOException | RuntimeException e) {
      // only used to improve a message about a document already known to be wrong
    }
    return -1;
  }

  private static String join(Deque<String> stack, String field) {
    StringBuilder sb = new StringBuilder();
    for (String s : stack) {
      if (!s.isEmpty()) {
        sb.append(s).append('.');
      }
    }
    return sb.append(field).toString();
  }
}
