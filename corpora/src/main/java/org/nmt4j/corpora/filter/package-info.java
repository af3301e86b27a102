/**
 * The {@link org.nmt4j.corpora.PairFilter} rules that {@link org.nmt4j.corpora.FilterChain}
 * combines: empty side, too many tokens, length ratio, source equals target, wrong script, exact
 * and near duplicates, held-out sentences; and the memory-bounded fingerprints they use ({@link
 * org.nmt4j.corpora.filter.PairHash}, {@link org.nmt4j.corpora.filter.LongHashSet}).
 */
package org.nmt4j.corpora.filter;
