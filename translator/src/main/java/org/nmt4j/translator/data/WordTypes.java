package org.nmt4j.translator.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct tokens (word types) of one side of a corpus with their counts, each under a dense
 * id: the first pass stores sentences as type ids, so that counting, BPE learning and subword
 * splitting work per type, bounded by the vocabulary of the corpus, not by its length.
 */
final class WordTypes {

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> types = new ArrayList<>();
  private long[] counts = new long[1024];

  /** The ids of the tokens, each counted once more. */
  int[] add(List<String> tokens) {
    int[] out = new int[tokens.size()];
    for (int i = 0; i < out.length; i++) {
      String t = tokens.get(i);
      Integer id = ids.get(t);
      if (id == null) {
        id = types.size();
        ids.put(t, id);
        types.add(t);
        if (id == counts.length) {
          counts = Arrays.copyOf(counts, id * 2);
        }
      }
      counts[id]++;
      out[i] = id;
    }
    return out;
  }

  /** The number of types. */
  int size() {
    return types.size();
  }

  /** The token of an id. */
  String type(int id) {
    return types.get(id);
  }

  /** How often a type occurred. */
  long count(int id) {
    return counts[id];
  }

  /** Type to count, in order of first occurrence. */
  Map<String, Long> counts() {
    Map<String, Long> m = new LinkedHashMap<>(types.size() * 2);
    for (int i = 0; i < types.size(); i++) {
      m.put(types.get(i), counts[i]);
    }
    return m;
  }
}
