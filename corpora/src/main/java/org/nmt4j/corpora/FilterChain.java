package org.nmt4j.corpora;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.nmt4j.corpora.filter.DuplicateFilter;
import org.nmt4j.corpora.filter.EmptySideFilter;
import org.nmt4j.corpora.filter.LengthRatioFilter;
import org.nmt4j.corpora.filter.MaxTokensFilter;
import org.nmt4j.corpora.filter.ScriptFilter;
import org.nmt4j.corpora.filter.SourceEqualsTargetFilter;

/**
 * Applies filters in order to each pair and counts, per rule, the pairs dropped.
 *
 * <p>Each pair is tokenized once per side and given to the filters in order; the first filter that
 * rejects it is the one counted. The chain keeps state (counts, and the duplicate filter's memory),
 * so a new chain is needed for every pass over a corpus. Not thread-safe.
 *
 * <p>Typical use: {@code FilterChain.of(config, tokenizer::tokenize, tokenizer::tokenize)}, where
 * the functions may also include subword segmentation so that limits count the units the model
 * sees.
 */
public final class FilterChain implements Predicate<SentencePair> {

  private final List<PairFilter> filters;
  private final Function<String, List<String>> sourceTokenizer;
  private final Function<String, List<String>> targetTokenizer;
  private final long[] drops;
  private long read;

  /**
   * @param filters the rules, applied in this order; their names must be distinct
   * @param sourceTokenizer splits a source sentence into tokens
   * @param targetTokenizer splits a target sentence into tokens
   */
  public FilterChain(
      List<? extends PairFilter> filters,
      Function<String, List<String>> sourceTokenizer,
      Function<String, List<String>> targetTokenizer) {
    this.filters = List.copyOf(filters);
    this.sourceTokenizer = Objects.requireNonNull(sourceTokenizer, "sourceTokenizer");
    this.targetTokenizer = Objects.requireNonNull(targetTokenizer, "targetTokenizer");
    this.drops = new long[this.filters.size()];
    if (this.filters.stream().map(PairFilter::rule).distinct().count() != this.filters.size()) {
      throw new IllegalArgumentException("filter rule names must be distinct");
    }
  }

  /**
   * The chain a {@link FilterConfig} describes, in the order given there.
   *
   * @param config which rules and limits
   * @param sourceTokenizer splits a source sentence into tokens
   * @param targetTokenizer splits a target sentence into tokens
   */
  public static FilterChain of(
      FilterConfig config,
      Function<String, List<String>> sourceTokenizer,
      Function<String, List<String>> targetTokenizer) {
    return of(config, sourceTokenizer, targetTokenizer, List.of());
  }

  /**
   * The chain a {@link FilterConfig} describes, followed by more rules (such as a {@link
   * org.nmt4j.corpora.filter.HeldOutFilter}).
   *
   * @param config which rules and limits
   * @param sourceTokenizer splits a source sentence into tokens
   * @param targetTokenizer splits a target sentence into tokens
   * @param extra rules applied after the configured ones
   */
  public static FilterChain of(
      FilterConfig config,
      Function<String, List<String>> sourceTokenizer,
      Function<String, List<String>> targetTokenizer,
      List<? extends PairFilter> extra) {
    List<PairFilter> list = new ArrayList<>();
    if (config.dropEmpty()) {
      list.add(new EmptySideFilter());
    }
    if (config.maxSourceTokens() > 0 || config.maxTargetTokens() > 0) {
      list.add(new MaxTokensFilter(config.maxSourceTokens(), config.maxTargetTokens()));
    }
    if (config.maxLengthRatio() > 0) {
      list.add(new LengthRatioFilter(config.maxLengthRatio()));
    }
    if (config.dropSourceEqualsTarget()) {
      list.add(new SourceEqualsTargetFilter());
    }
    if (config.sourceScript() != null || config.targetScript() != null) {
      list.add(new ScriptFilter(
          config.sourceScript() == null ? null : ScriptFilter.script("--src-script", config.sourceScript()),
          config.targetScript() == null ? null : ScriptFilter.script("--tgt-script", config.targetScript())));
    }
    if (config.dropDuplicates()) {
      list.add(new DuplicateFilter());
    }
    if (config.dropNearDuplicates()) {
      list.add(DuplicateFilter.near());
    }
    list.addAll(extra);
    return new FilterChain(list, sourceTokenizer, targetTokenizer);
  }

  /** Splits on runs of whitespace: a tokenizer for when no other is wanted. */
  public static List<String> whitespaceTokens(String s) {
    String t = s.strip();
    return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
  }

  /**
   * Tokenizes a pair and runs the filters on it, counting the result.
   *
   * @param pair the next pair of the corpus
   * @return the pair with its tokens and the rule that dropped it (null if kept)
   */
  public FilteredPair apply(SentencePair pair) {
    return apply(pair, sourceTokenizer.apply(pair.source()), targetTokenizer.apply(pair.target()));
  }

  /**
   * Runs the filters on a pair tokenized elsewhere (e.g. on several threads), counting the
   * result; the tokens must be what the chain's tokenizers give.
   *
   * @param pair the next pair of the corpus
   * @param s its source tokens
   * @param t its target tokens
   * @return the pair with its tokens and the rule that dropped it (null if kept)
   */
  public FilteredPair apply(SentencePair pair, List<String> s, List<String> t) {
    read++;
    for (int i = 0; i < filters.size(); i++) {
      PairFilter f = filters.get(i);
      if (f.rejects(pair, s, t)) {
        drops[i]++;
        return new FilteredPair(pair, s, t, f.rule());
      }
    }
    return new FilteredPair(pair, s, t, null);
  }

  /** Same as {@code apply(pair).kept()}: lets a chain filter a stream of pairs. */
  @Override
  public boolean test(SentencePair pair) {
    return apply(pair).kept();
  }

  /** The rule names in the order they apply. */
  public List<String> rules() {
    return filters.stream().map(PairFilter::rule).toList();
  }

  /** Pairs seen so far. */
  public long read() {
    return read;
  }

  /** Pairs kept so far. */
  public long kept() {
    long k = read;
    for (long d : drops) {
      k -= d;
    }
    return k;
  }

  /** Pairs dropped so far by each rule, in rule order, zeros included. */
  public Map<String, Long> drops() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < filters.size(); i++) {
      m.put(filters.get(i).rule(), drops[i]);
    }
    return Collections.unmodifiableMap(m);
  }
}
